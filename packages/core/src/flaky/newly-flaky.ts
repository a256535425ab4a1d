import type { FailedTest } from '../quarantine/exit-decision.js'
import { testId } from '../record/test-id.js'
import { SqliteHistoryStore } from '../store/sqlite-history-store.js'

/**
 * Of the tests that passed only on retry in a run, those that never failed in any earlier run:
 * the newly flaky ones worth telling about. When the store cannot be read, or does not hold this
 * run's failures, aqe cannot tell them apart and returns none.
 */
export function newlyFlaky(dbPath: string, runStartedAt: Date, passedOnRetry: readonly FailedTest[]): FailedTest[] {
  if (passedOnRetry.length === 0) return []
  let store: SqliteHistoryStore | undefined
  try {
    store = SqliteHistoryStore.open(dbPath, { readonly: true, busyTimeoutMs: 2000 })
    const failures = store.db.prepare<[string, string, string], { before: number; now: number }>(
      `SELECT COALESCE(SUM(r.started_at < ?), 0) AS before, COALESCE(SUM(r.started_at >= ?), 0) AS now
       FROM executions e JOIN tests t ON t.id = e.test_id JOIN runs r ON r.id = e.run_id
       WHERE t.test_key = ? AND e.status = 'failed'`,
    )
    // The run being judged was stamped by its reporter a moment around runStartedAt; earlier runs started well before.
    const before = new Date(runStartedAt.getTime() - 2000).toISOString()
    const from = new Date(runStartedAt.getTime() - 5000).toISOString()
    // Only a run that is itself in the store can say what is new; one that could not be recorded says nothing.
    return passedOnRetry.filter((t) => {
      const counts = failures.get(before, from, testId(t.file, t.fullName))
      return counts !== undefined && counts.before === 0 && counts.now > 0
    })
  } catch {
    return []
  } finally {
    store?.close()
  }
}
