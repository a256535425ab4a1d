import type { Command } from 'commander'
import { withCommonOptions } from '../context.js'
import { lazyAction } from '../lazy-action.js'

/** `aqe prioritize`: the agent's order of the known test files and, with a budget, the subset that fits. */
export function registerPrioritizeCommand(program: Command): void {
  withCommonOptions(program.command('prioritize'))
    .description('Order the test files by the learnt prioritisation policy (likely failures first); with --budget, the files that fit.')
    .option('--budget <budget>', 'time budget: a share of the total expected time (50%) or seconds (120)')
    .option('--json', 'print a JSON object instead of a table')
    .action(lazyAction(async () => (await import('./prioritize-action.js')).runPrioritize))
}
