import type { Command } from 'commander'
import { withCommonOptions } from '../context.js'
import { lazyAction } from '../lazy-action.js'

/** `aqe history` and its subcommands. */
export function registerHistoryCommands(program: Command): void {
  const history = program.command('history').description('Inspect, merge, import and export the test-history store.')
  withCommonOptions(history.command('show', { isDefault: true }))
    .description('Summarise the store: runs, tests, outcomes, slowest and most-failing tests (the default).')
    .option('--json', 'print a JSON object instead of tables')
    .option('--top <n>', 'how many slowest and failing tests to list', '10')
    .action(lazyAction(async () => (await import('./history-show.js')).runHistoryShow))
  withCommonOptions(history.command('merge'))
    .description('Add the runs of other stores (shards, CI runners) to this one; merging twice adds nothing.')
    .argument('<db...>', 'stores to merge in')
    .action(lazyAction(async () => (await import('./history-merge.js')).runHistoryMerge))
  withCommonOptions(history.command('import'))
    .description('Add runs from JUnit XML reports or aqe JSON Lines files; importing twice adds nothing.')
    .argument('<file...>', 'JUnit XML or .jsonl files')
    .option('--format <format>', 'junit, jsonl, or auto (by extension and content)', 'auto')
    .option('--runner <name>', 'runner name for JUnit files that do not say', 'junit')
    .option('--commit <sha>', 'commit for JUnit files (default: from CI variables or git)')
    .option('--branch <name>', 'branch for JUnit files (default: from CI variables or git)')
    .action(lazyAction(async () => (await import('./history-import.js')).runHistoryImport))
  withCommonOptions(history.command('export'))
    .description('Write the store as aqe JSON Lines or JUnit XML.')
    .option('--format <format>', 'jsonl or junit', 'jsonl')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--run <id>', 'export one run only')
    .action(lazyAction(async () => (await import('./history-export.js')).runHistoryExport))
}
