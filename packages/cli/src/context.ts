import { loadConfig, resolveHistoryPath } from '@aqe/core/config'
import type { Command } from 'commander'

/** Options every command accepts. */
export interface CommonOptions {
  db?: string
}

/** Adds the options every aqe command takes. */
export function withCommonOptions(command: Command): Command {
  return command
    .option('--db <path>', 'history store (default: config historyDb, AQE_HISTORY_DB, then .aqe/history.db)')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
}

/** Resolves the history store path for a command run in the current directory. */
export async function historyPath(options: CommonOptions): Promise<string> {
  const root = process.cwd()
  if (options.db) return resolveHistoryPath(root, options.db)
  const { config } = await loadConfig(root)
  return resolveHistoryPath(root, undefined, config)
}
