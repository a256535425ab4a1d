import { existsSync } from 'node:fs'
import { loadConfig } from '../config/load-config.js'
import { resolveHistoryPath } from '../config/resolve-history-path.js'
import { SqliteHistoryStore } from '../store/sqlite-history-store.js'
import { PrioritisationAgent } from './prioritisation-agent.js'
import { type TrainAgentOptions, trainAgentFromStore } from './trained-agent.js'
import type { RankedTest } from './types.js'

/** Options of the runner sequencers and `aqe prioritize`. */
export interface PrioritiseTestFilesOptions extends TrainAgentOptions {
  /**
   * History store path, relative to the project root. Overrides `AQE_HISTORY_DB` and the config.
   * @default '.aqe/history.db'
   */
  db?: string
}

/**
 * Orders a project's test files (paths relative to `root`, `/`-separated) for the next run: the
 * agent saved in the project's history store first learns from the runs recorded since it was
 * saved. Without a store yet, every file is new and the order falls to the tie-breaks. Throws
 * the store's StoreError when the store exists but cannot be used.
 */
export async function prioritiseTestFiles(
  root: string,
  files: readonly string[],
  options: PrioritiseTestFilesOptions = {},
): Promise<RankedTest[]> {
  const { db, ...trainOptions } = options
  const { config } = await loadConfig(root)
  const path = resolveHistoryPath(root, db, config)
  const candidates = files.map((id) => ({ id }))
  if (!existsSync(path)) return new PrioritisationAgent(trainOptions).rank(candidates)
  const store = SqliteHistoryStore.open(path)
  try {
    return trainAgentFromStore(store.db, trainOptions).agent.rank(candidates)
  } finally {
    store.close()
  }
}
