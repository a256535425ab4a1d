import { createRequire } from 'node:module'
import { Command } from 'commander'
import { registerFillGapsCommand } from './commands/fill-gaps.js'
import { registerGapsCommand } from './commands/gaps.js'
import { registerHistoryCommands } from './commands/history.js'
import { registerLlmCommands } from './commands/llm.js'
import { registerPatternsCommands } from './commands/patterns.js'
import { registerPrioritizeCommand } from './commands/prioritize.js'
import { registerFlakyCommands } from './commands/quarantine.js'

/** Builds the `aqe` command tree; each command lives in its own file under commands/. */
export function createProgram(): Command {
  const program = new Command('aqe')
    .description('Quality engineering for Jest and Vitest: test history, flaky tests, prioritisation and coverage gaps.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
  registerHistoryCommands(program)
  registerFlakyCommands(program)
  registerGapsCommand(program)
  registerFillGapsCommand(program)
  registerLlmCommands(program)
  registerPrioritizeCommand(program)
  registerPatternsCommands(program)
  return program
}

// dist/program.js sits one level below the package's package.json, as src/program.ts does.
const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version
