import type Database from 'better-sqlite3'
import type { AttemptStatus, RunOutcome } from '../record/types.js'

/** One stored execution with its run, as exports see it. */
export interface ExecutionRow {
  runKey: string
  runner: string
  runnerVersion: string | null
  project: string | null
  startedAt: string
  endedAt: string | null
  commit: string | null
  branch: string | null
  ci: string | null
  job: string | null
  shard: string | null
  outcome: RunOutcome
  file: string
  fullName: string
  attempt: number
  final: number
  status: AttemptStatus
  durationMs: number | null
  errorName: string | null
  errorMessage: string | null
  testProject: string | null
}

/** Streams every execution, grouped by run and ordered as recorded, without loading the store into memory. */
export function iterateExecutions(db: Database.Database, runKey?: string): IterableIterator<ExecutionRow> {
  return db
    .prepare<unknown[], ExecutionRow>(
      `SELECT r.run_key AS runKey, r.runner, r.runner_version AS runnerVersion, r.project, r.started_at AS startedAt,
              r.ended_at AS endedAt, r.commit_sha AS "commit", r.branch, r.ci, r.job, r.shard, r.outcome,
              t.file, t.full_name AS fullName, e.attempt, e.final, e.status, e.duration_ms AS durationMs,
              e.error_name AS errorName, e.error_message AS errorMessage, e.project AS testProject
       FROM executions e JOIN runs r ON r.id = e.run_id JOIN tests t ON t.id = e.test_id
       ${runKey ? 'WHERE r.run_key = ?' : ''}
       ORDER BY r.started_at, r.id, e.id`,
    )
    .iterate(...(runKey ? [runKey] : []))
}
