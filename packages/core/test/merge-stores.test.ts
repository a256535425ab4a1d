import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { summarizeHistory } from '../src/store/history-summary.js'
import { mergeStore } from '../src/store/merge-stores.js'
import { SqliteHistoryStore } from '../src/store/sqlite-history-store.js'
import { sampleRun } from './store-helpers.js'

describe('mergeStore', () => {
  const tempDir = useTempDir()

  function storeWith(path: string, keys: string[]): void {
    const store = SqliteHistoryStore.open(path)
    store.addRuns(keys.map((k, i) => sampleRun(k, { shard: `${i + 1}/${keys.length}` })))
    store.close()
  }

  it("adds shards' runs and is idempotent", () => {
    const dir = tempDir()
    storeWith(join(dir, 'shard1.db'), ['s1'])
    storeWith(join(dir, 'shard2.db'), ['s2', 's3'])
    const target = SqliteHistoryStore.open(join(dir, 'all.db'))
    expect(mergeStore(target, join(dir, 'shard1.db'))).toEqual({ runsAdded: 1, runsSkipped: 0, executionsAdded: 4 })
    expect(mergeStore(target, join(dir, 'shard2.db'))).toEqual({ runsAdded: 2, runsSkipped: 0, executionsAdded: 8 })
    const once = summarizeHistory(target.db)
    expect(mergeStore(target, join(dir, 'shard2.db'))).toEqual({ runsAdded: 0, runsSkipped: 2, executionsAdded: 0 })
    expect(summarizeHistory(target.db)).toEqual(once)
    expect(once).toMatchObject({ runs: 3, tests: 3, executions: 12 })
    const finals = target.db.prepare('SELECT count(*) FROM executions WHERE final = 1').pluck().get()
    expect(finals).toBe(9)
    target.close()
  })

  it('keeps the per-test totals equal to a recount of the executions', () => {
    const dir = tempDir()
    storeWith(join(dir, 'shard.db'), ['m1', 'm2'])
    const target = SqliteHistoryStore.open(join(dir, 'all.db'))
    target.addRuns([sampleRun('own')])
    const id = target.beginRun(sampleRun('live').run)
    target.addAttempts(id, sampleRun('live').attempts.slice(0, 2))
    target.addAttempts(id, sampleRun('live').attempts.slice(2))
    mergeStore(target, join(dir, 'shard.db'))
    mergeStore(target, join(dir, 'shard.db'))
    const kept = target.db.prepare('SELECT * FROM test_stats ORDER BY test_id').all()
    const recount = target.db
      .prepare(
        `SELECT test_id, count(*) AS executions, sum(final) AS finals, sum(status = 'passed') AS passed, sum(status = 'failed') AS failed,
                sum(status = 'failed' AND final) AS failed_finals, sum(status = 'skipped') AS skipped, sum(status = 'todo') AS todo,
                count(duration_ms) AS timed, coalesce(sum(duration_ms), 0) AS duration_ms
         FROM executions GROUP BY test_id ORDER BY test_id`,
      )
      .all()
    expect(kept).toEqual(recount)
    expect(summarizeHistory(target.db)).toMatchObject({ runs: 4, executions: 16 })
    target.close()
  })

  it('rejects a source that is not a store, naming it', () => {
    const dir = tempDir()
    const target = SqliteHistoryStore.open(join(dir, 'all.db'))
    expect(() => mergeStore(target, join(dir, 'missing.db'))).toThrow(/No history store at .*missing\.db/)
    target.close()
  })
})
