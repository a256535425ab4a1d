import { Command } from 'commander'
import { registerHistoryCommands } from './commands/history.js'

/** Builds the `aqe` command tree; each command lives in its own file under commands/. */
export function createProgram(): Command {
  const program = new Command('aqe')
    .description('Quality engineering for Jest and Vitest: test history, flaky tests, prioritisation and coverage gaps.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
  registerHistoryCommands(program)
  return program
}

// Kept in step with package.json by the release script's version bump.
const VERSION = '0.1.0'
