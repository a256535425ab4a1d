import type Database from 'better-sqlite3'
import { testId } from '../record/test-id.js'
import type { AttemptStatus } from '../record/types.js'

/** One run of one test: its attempts in order, and where the run happened. */
export interface RunObservation {
  runId: number
  startedAt: string
  commit: string | null
  branch: string | null
  /** Statuses of the test's attempts in this run, first attempt first. */
  attempts: AttemptStatus[]
  /** Message of the first failed attempt, if any. */
  firstError: string | null
  /** The run failed for most of its tests at once (an infrastructure storm). */
  storm: boolean
}

/** A test and its runs, oldest first. */
export interface TestObservations {
  id: string
  file: string
  fullName: string
  runs: RunObservation[]
}

interface Row {
  runId: number
  startedAt: string
  commit: string | null
  branch: string | null
  file: string
  fullName: string
  status: AttemptStatus
  errorMessage: string | null
}

interface RunShare {
  runId: number
  tests: number
  failed: number
}

/** Options of {@link readTestObservations}. */
export interface ObservationWindow {
  /** Only runs started at or after this instant. */
  since: Date
  stormFailureRatio: number
  stormMinTests: number
}

/**
 * Reads every test's runs within the window from the history store, marking infrastructure
 * storms: runs in which at least `stormFailureRatio` of at least `stormMinTests` tests failed an
 * attempt (retries that pass do not hide a storm).
 */
export function readTestObservations(db: Database.Database, window: ObservationWindow): TestObservations[] {
  const since = window.since.toISOString()
  const storms = new Set<number>()
  const shares = db
    .prepare<[string], RunShare>(
      `SELECT e.run_id AS runId, COUNT(DISTINCT e.test_id) AS tests,
              COUNT(DISTINCT CASE WHEN e.status = 'failed' THEN e.test_id END) AS failed
       FROM executions e JOIN runs r ON r.id = e.run_id
       WHERE e.status IN ('passed', 'failed') AND r.started_at >= ?
       GROUP BY e.run_id`,
    )
    .all(since)
  for (const s of shares) if (s.tests >= window.stormMinTests && s.failed / s.tests >= window.stormFailureRatio) storms.add(s.runId)
  const rows = db
    .prepare<[string], Row>(
      `SELECT r.id AS runId, r.started_at AS startedAt, r.commit_sha AS "commit", r.branch, t.file, t.full_name AS fullName,
              e.status, e.error_message AS errorMessage
       FROM executions e JOIN runs r ON r.id = e.run_id JOIN tests t ON t.id = e.test_id
       WHERE r.started_at >= ?
       ORDER BY t.id, r.started_at, r.id, e.attempt, e.id`,
    )
    .iterate(since)
  const tests = new Map<string, TestObservations>()
  for (const row of rows) {
    const id = testId(row.file, row.fullName)
    let test = tests.get(id)
    if (!test) {
      test = { id, file: row.file, fullName: row.fullName, runs: [] }
      tests.set(id, test)
    }
    // Skipped and todo tests stay listed, with no runs as evidence.
    if (row.status !== 'passed' && row.status !== 'failed') continue
    let run = test.runs.at(-1)
    if (!run || run.runId !== row.runId) {
      run = {
        runId: row.runId,
        startedAt: row.startedAt,
        commit: row.commit,
        branch: row.branch,
        attempts: [],
        firstError: null,
        storm: storms.has(row.runId),
      }
      test.runs.push(run)
    }
    run.attempts.push(row.status)
    if (row.status === 'failed' && run.firstError === null) run.firstError = row.errorMessage ?? ''
  }
  return [...tests.values()]
}
