/**
 * Adds to `test_stats` the totals of the executions whose row ids lie between the two parameters. Every write
 * inserts its executions as one contiguous run of row ids inside its transaction, so one
 * statement per batch keeps the totals in step, aggregated inside SQLite.
 */
export const ADD_STATS_FOR_ROWS = `
  INSERT INTO test_stats (test_id, executions, finals, passed, failed, failed_finals, skipped, todo, timed, duration_ms)
  SELECT test_id, count(*), sum(final), sum(status = 'passed'), sum(status = 'failed'), sum(status = 'failed' AND final),
         sum(status = 'skipped'), sum(status = 'todo'), count(duration_ms), coalesce(sum(duration_ms), 0)
  FROM executions WHERE id BETWEEN ? AND ? GROUP BY test_id
  ON CONFLICT (test_id) DO UPDATE SET
    executions = executions + excluded.executions, finals = finals + excluded.finals, passed = passed + excluded.passed,
    failed = failed + excluded.failed, failed_finals = failed_finals + excluded.failed_finals, skipped = skipped + excluded.skipped,
    todo = todo + excluded.todo, timed = timed + excluded.timed, duration_ms = duration_ms + excluded.duration_ms`
