import type Database from 'better-sqlite3'

/** Aggregates of one test across the store. */
export interface TestAggregate {
  testId: string
  file: string
  fullName: string
  /** Final outcomes recorded (one per run in which the test ran). */
  runs: number
  /** Failed attempts, retries included. */
  failedAttempts: number
  /** Runs whose final attempt failed. */
  failedRuns: number
  /** Mean duration of an attempt, in ms. */
  meanDurationMs: number | null
}

/** A run as `aqe history` lists it. */
export interface RunSummary {
  runKey: string
  runner: string
  project: string | null
  startedAt: string
  endedAt: string | null
  commit: string | null
  branch: string | null
  shard: string | null
  outcome: string
  executions: number
}

/** The JSON shape of `aqe history --json`. */
export interface HistorySummary {
  runs: number
  tests: number
  executions: number
  byStatus: { passed: number; failed: number; skipped: number; todo: number }
  firstRunAt: string | null
  lastRunAt: string | null
  recentRuns: RunSummary[]
  slowest: TestAggregate[]
  mostFailing: TestAggregate[]
}

interface AggregateRow {
  test_id: number
  total: number
  finals: number
  failed: number
  failed_finals: number
  passed: number
  skipped: number
  todo: number
  timed: number
  duration: number
}

/**
 * Summarises the store from the per-test totals in `test_stats`, so the cost grows with the
 * number of tests, not of executions; the per-test rows are ranked in JS.
 */
export function summarizeHistory(db: Database.Database, top = 10): HistorySummary {
  const rows = db
    .prepare<[], AggregateRow>(
      `SELECT test_id, executions AS total, finals, failed, failed_finals, passed, skipped, todo, timed, duration_ms AS duration
       FROM test_stats`,
    )
    .all()
  const byStatus = { passed: 0, failed: 0, skipped: 0, todo: 0 }
  let executions = 0
  for (const r of rows) {
    executions += r.total
    byStatus.passed += r.passed
    byStatus.failed += r.failed
    byStatus.skipped += r.skipped
    byStatus.todo += r.todo
  }
  const slowestRows = rows
    .filter((r) => r.timed > 0)
    .sort((a, b) => b.duration / b.timed - a.duration / a.timed || a.test_id - b.test_id)
    .slice(0, top)
  const failingRows = rows
    .filter((r) => r.failed > 0)
    .sort((a, b) => b.failed_finals - a.failed_finals || b.failed - a.failed || a.test_id - b.test_id)
    .slice(0, top)
  const runStats = db
    .prepare<[], { runs: number; first: string | null; last: string | null }>(
      'SELECT count(*) AS runs, min(started_at) AS first, max(started_at) AS last FROM runs',
    )
    .get() as { runs: number; first: string | null; last: string | null }
  const tests = (db.prepare('SELECT count(*) AS n FROM tests').get() as { n: number }).n
  return {
    runs: runStats.runs,
    tests,
    executions,
    byStatus,
    firstRunAt: runStats.first,
    lastRunAt: runStats.last,
    recentRuns: recentRuns(db, 5),
    slowest: describeTests(db, slowestRows),
    mostFailing: describeTests(db, failingRows),
  }
}

function recentRuns(db: Database.Database, limit: number): RunSummary[] {
  return db
    .prepare<[number], RunSummary>(
      `SELECT run_key AS runKey, runner, project, started_at AS startedAt, ended_at AS endedAt, commit_sha AS "commit",
              branch, shard, outcome, (SELECT count(*) FROM executions e WHERE e.run_id = runs.id) AS executions
       FROM runs ORDER BY started_at DESC, id DESC LIMIT ?`,
    )
    .all(limit)
}

function describeTests(db: Database.Database, rows: AggregateRow[]): TestAggregate[] {
  const lookup = db.prepare<[number], { test_key: string; file: string; full_name: string }>(
    'SELECT test_key, file, full_name FROM tests WHERE id = ?',
  )
  return rows.map((r) => {
    const t = lookup.get(r.test_id) as { test_key: string; file: string; full_name: string }
    return {
      testId: t.test_key,
      file: t.file,
      fullName: t.full_name,
      runs: r.finals,
      failedAttempts: r.failed,
      failedRuns: r.failed_finals,
      meanDurationMs: r.timed > 0 ? r.duration / r.timed : null,
    }
  })
}
