import { resolve } from 'node:path'
import { InputError, mergeStore, SqliteHistoryStore } from '@aqe/core'
import { type CommonOptions, historyPath } from '../context.js'

/** `aqe history merge <db...>`: adds other stores' runs to this one. */
export async function runHistoryMerge(sources: string[], options: CommonOptions): Promise<void> {
  const target = await historyPath(options)
  for (const source of sources) {
    if (resolve(source) === target)
      throw new InputError(`Cannot merge ${source} into itself: pass other stores, or choose the target with --db.`)
  }
  const store = SqliteHistoryStore.open(target)
  try {
    for (const source of sources) {
      const result = mergeStore(store, resolve(source))
      process.stderr.write(
        `merged ${source}: ${result.runsAdded} runs and ${result.executionsAdded} executions added, ${result.runsSkipped} runs already present\n`,
      )
    }
  } finally {
    store.close()
  }
}
