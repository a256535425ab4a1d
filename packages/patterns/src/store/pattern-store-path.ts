import { dirname, join } from 'node:path'

/** File name of the pattern store, kept beside the history store so `--db` places both. */
export const PATTERN_STORE_FILE = 'patterns.db'

/** The pattern store that belongs with a history store: `patterns.db` in the same directory. */
export function patternStorePath(historyDbPath: string): string {
  return join(dirname(historyDbPath), PATTERN_STORE_FILE)
}
