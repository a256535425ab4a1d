import { isAbsolute, resolve } from 'node:path'
import type { AqeConfig } from './aqe-config.js'

/** The history store's default location, relative to the project root. */
export const DEFAULT_HISTORY_DB = '.aqe/history.db'

/**
 * Resolves the history store path once, at the boundary. Precedence: an explicit path (`--db`,
 * a reporter's `db` option), then `AQE_HISTORY_DB`, then the config's `historyDb`, then
 * `.aqe/history.db` under the project root.
 */
export function resolveHistoryPath(
  root: string,
  explicit: string | undefined,
  config: AqeConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = explicit || env.AQE_HISTORY_DB || config.historyDb || DEFAULT_HISTORY_DB
  return isAbsolute(chosen) ? chosen : resolve(root, chosen)
}
