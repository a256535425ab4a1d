import type { Command } from 'commander'
import { withCommonOptions } from '../context.js'
import { lazyAction } from '../lazy-action.js'

const FILE_OPTION = [
  '--file <path>',
  'quarantine file (default: config quarantine.file, AQE_QUARANTINE_FILE, then .aqe/quarantine.json)',
] as const

/** `aqe flaky`, `aqe quarantine` and its subcommands, and `aqe run`. */
export function registerFlakyCommands(program: Command): void {
  withCommonOptions(program.command('flaky'))
    .description('Classify every test as healthy, flaky, broken or new, with a score and the evidence.')
    .option('--json', 'print a JSON array with one object per test (schema in docs/flaky.md)')
    .option('--markdown', 'print Markdown instead of a table')
    .option('--all', 'list healthy and new tests too')
    .action(lazyAction(async () => (await import('./flaky.js')).runFlaky))
  program
    .command('run')
    .description('Run a test command (e.g. -- npx jest --ci) and exit 0 when its only failures are quarantined tests.')
    .argument('<command...>', 'the command, after --')
    .exitOverride()
    .action(lazyAction(async () => (await import('./run.js')).runWithQuarantine))
  const quarantine = program
    .command('quarantine')
    .description('Quarantined tests still run and are recorded, but their failures do not fail the run.')
  withCommonOptions(quarantine.command('list', { isDefault: true }))
    .description('List quarantined tests; exits 1 when an entry has expired.')
    .option(...FILE_OPTION)
    .option('--json', 'print a JSON array')
    .action(lazyAction(async () => (await import('./quarantine-list.js')).runQuarantineList))
  withCommonOptions(quarantine.command('add'))
    .description('Quarantine a test by its id ("<file> > <full name>").')
    .argument('<test-id>')
    .requiredOption('--reason <text>', 'why, or the issue that tracks the fix')
    .option('--owner <handle>', 'who should fix it; expiry is reported to them')
    .option('--days <n>', 'days until the entry expires, 0 for never (default: config quarantine.expiresAfterDays, 30)')
    .option(...FILE_OPTION)
    .action(lazyAction(async () => (await import('./quarantine-add.js')).runQuarantineAdd))
  withCommonOptions(quarantine.command('remove'))
    .description('Release a quarantined test.')
    .argument('<test-id>')
    .option(...FILE_OPTION)
    .action(lazyAction(async () => (await import('./quarantine-remove.js')).runQuarantineRemove))
  withCommonOptions(quarantine.command('sync'))
    .description('Apply the auto policy (quarantine.auto): add flaky tests above the threshold, release recovered ones.')
    .option(...FILE_OPTION)
    .option('--dry-run', 'print the changes without writing the file')
    .action(lazyAction(async () => (await import('./quarantine-sync.js')).runQuarantineSync))
}
