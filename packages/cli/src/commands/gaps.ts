import { GAP_FORMATS } from '@aqe/coverage/formats'
import type { Command } from 'commander'
import { withCommonOptions } from '../context.js'
import { lazyAction } from '../lazy-action.js'

/** `aqe gaps`: ranked coverage gaps from coverage-final.json, in several formats, with a changed-lines gate. */
export function registerGapsCommand(program: Command): void {
  withCommonOptions(program.command('gaps'))
    .description('Rank what is worth testing next: uncovered functions, branch arms and statements, with the reasons.')
    .option('--coverage <file...>', 'coverage-final.json files to merge (shards)', ['coverage/coverage-final.json'])
    .option('--base <ref>', 'git ref the change is compared with (changed-line coverage, change membership)')
    .option('--format <format>', `output format: ${GAP_FORMATS.join(', ')}`, 'table')
    .option('--json', 'same as --format json')
    .option('--top <n>', 'list only the top N gaps (default: 20 for table, all otherwise)')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--fail-under <pct>', 'exit 1 when the coverage of changed lines is under PCT (needs --base)')
    .action(lazyAction(async () => (await import('./gaps-action.js')).runGaps))
}
