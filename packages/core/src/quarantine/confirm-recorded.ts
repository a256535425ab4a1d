import { testId } from '../record/test-id.js'
import { SqliteHistoryStore } from '../store/sqlite-history-store.js'
import type { FailedTest } from './exit-decision.js'

/**
 * Checks that the failures a run is about to ignore are in the history store: a quarantined
 * failure may only be masked once it is recorded. Returns why not, or undefined when all are there.
 */
export function confirmRecorded(dbPath: string, since: Date, tests: readonly FailedTest[]): string | undefined {
  let store: SqliteHistoryStore | undefined
  try {
    store = SqliteHistoryStore.open(dbPath, { readonly: true, busyTimeoutMs: 2000 })
    const find = store.db.prepare<[string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM executions e JOIN tests t ON t.id = e.test_id JOIN runs r ON r.id = e.run_id
       WHERE t.test_key = ? AND e.status = 'failed' AND r.started_at >= ?`,
    )
    // Run start times come from the reporter's clock a moment after ours; allow for coarse clocks.
    const from = new Date(since.getTime() - 5000).toISOString()
    const missing = tests.filter((t) => (find.get(testId(t.file, t.fullName), from)?.n ?? 0) === 0)
    if (missing.length > 0)
      return `the failure of ${testId(missing[0]?.file ?? '', missing[0]?.fullName ?? '')} is not in the history store ${dbPath}`
    return undefined
  } catch (error) {
    return (error as Error).message
  } finally {
    store?.close()
  }
}
