import { testId } from '../record/test-id.js'
import { SqliteHistoryStore } from '../store/sqlite-history-store.js'
import type { FailedTest } from './exit-decision.js'

/**
 * Fills in the first failure message of tests whose runner did not keep it (Jest drops retry
 * reasons unless `logErrorsBeforeRetry` is on) from this run's attempts in the store. Tests keep
 * what they had when the store cannot be read.
 */
export function withFirstErrors(dbPath: string, since: Date, tests: readonly FailedTest[]): FailedTest[] {
  if (tests.every((t) => t.firstError)) return [...tests]
  let store: SqliteHistoryStore | undefined
  try {
    store = SqliteHistoryStore.open(dbPath, { readonly: true, busyTimeoutMs: 2000 })
    const first = store.db.prepare<[string, string], { message: string | null }>(
      `SELECT e.error_message AS message FROM executions e JOIN tests t ON t.id = e.test_id JOIN runs r ON r.id = e.run_id
       WHERE t.test_key = ? AND e.status = 'failed' AND r.started_at >= ? ORDER BY r.started_at DESC, e.attempt LIMIT 1`,
    )
    const from = new Date(since.getTime() - 5000).toISOString()
    return tests.map((t) => (t.firstError ? t : { ...t, firstError: first.get(testId(t.file, t.fullName), from)?.message ?? undefined }))
  } catch {
    return [...tests]
  } finally {
    store?.close()
  }
}
