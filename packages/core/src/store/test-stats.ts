/** Per-test totals of a batch of executions, as the `test_stats` table keeps them. */
export interface TestStatsDelta {
  executions: number
  finals: number
  passed: number
  failed: number
  failedFinals: number
  skipped: number
  todo: number
  timed: number
  durationMs: number
}

const COLUMNS = '(test_id, executions, finals, passed, failed, failed_finals, skipped, todo, timed, duration_ms)'
const ADD_ON_CONFLICT = `ON CONFLICT (test_id) DO UPDATE SET
    executions = executions + excluded.executions, finals = finals + excluded.finals, passed = passed + excluded.passed,
    failed = failed + excluded.failed, failed_finals = failed_finals + excluded.failed_finals, skipped = skipped + excluded.skipped,
    todo = todo + excluded.todo, timed = timed + excluded.timed, duration_ms = duration_ms + excluded.duration_ms`

/** Adds a delta to a test's row, creating it on first sight. */
export const UPSERT_TEST_STATS = `INSERT INTO test_stats ${COLUMNS}
  VALUES (@testId, @executions, @finals, @passed, @failed, @failedFinals, @skipped, @todo, @timed, @durationMs) ${ADD_ON_CONFLICT}`

/** Adds to `test_stats` the totals of the executions of the runs whose ids are given as a JSON array. */
export const ADD_RUN_STATS = `INSERT INTO test_stats ${COLUMNS}
  SELECT test_id, count(*), sum(final), sum(status = 'passed'), sum(status = 'failed'), sum(status = 'failed' AND final),
         sum(status = 'skipped'), sum(status = 'todo'), count(duration_ms), coalesce(sum(duration_ms), 0)
  FROM executions WHERE run_id IN (SELECT value FROM json_each(?)) GROUP BY test_id ${ADD_ON_CONFLICT}`

/** An empty delta. */
export const emptyDelta = (): TestStatsDelta => ({
  executions: 0,
  finals: 0,
  passed: 0,
  failed: 0,
  failedFinals: 0,
  skipped: 0,
  todo: 0,
  timed: 0,
  durationMs: 0,
})
