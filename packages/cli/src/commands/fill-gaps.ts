import type { Command } from 'commander'
import { withCommonOptions } from '../context.js'
import { lazyAction } from '../lazy-action.js'

/** `aqe fill-gaps`: generates tests for the top coverage gaps, validates them in the project's runner, keeps those that help. */
export function registerFillGapsCommand(program: Command): void {
  withCommonOptions(program.command('fill-gaps'))
    .description('Generate tests for the top coverage gaps; keep only those that pass 5 times in random order and raise coverage.')
    .option('--coverage <file...>', 'coverage-final.json files of the current suite', ['coverage/coverage-final.json'])
    .option('--runner <runner>', 'vitest or jest (default: from the config files)')
    .option('--write', 'write accepted tests beside the existing ones (default: print them as a diff)')
    .option('--generator <name>', `explorer (no model), model, or all (default: all when a model is configured)`, 'all')
    .option('--top <n>', 'source files to fill, best-ranked first', '5')
    .option('--only <text>', 'only source files whose path contains TEXT')
    .option('--runs <n>', 'passing runs in random order a candidate needs', '5')
    .option('--budget-seconds <n>', 'wall-time budget of the whole run', '900')
    .option('--explore-seconds <n>', 'exploration budget per file', '20')
    .option('--timeout-seconds <n>', 'time limit of one candidate run', '120')
    .option('--seed <n>', 'seed of exploration and test order', '1')
    .option('--embedder <name>', 'embedder of the pattern store used for ranking, when there is one (hashed, sentence)', 'hashed')
    .option('--json', 'print the summary as JSON on stdout (the diff then goes to stderr)')
    .action(lazyAction(async () => (await import('./fill-gaps-action.js')).runFillGaps))
}
