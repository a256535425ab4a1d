import type Database from 'better-sqlite3'
import { errorSignature } from '../record/error-signature.js'
import { testId } from '../record/test-id.js'
import type { AttemptRecord, RunEnd, RunInfo } from '../record/types.js'
import { type OpenStoreOptions, openDatabase, toStoreError } from './open-database.js'
import { ADD_STATS_FOR_ROWS } from './test-stats.js'

// Long messages are cut so one pathological failure cannot bloat the store.
const MAX_MESSAGE = 4000
const EXECUTION_COLUMNS = 10
const ROWS_PER_INSERT = 500

/** A run with its attempts, the unit that imports and merges add atomically. */
export interface StoredRun {
  run: RunInfo
  end?: RunEnd
  attempts: AttemptRecord[]
}

/** Counts of what an import or merge added and what it found already present. */
export interface AddRunsResult {
  runsAdded: number
  runsSkipped: number
  executionsAdded: number
}

/**
 * The test-history store: one SQLite file in WAL mode that any number of runner processes can
 * write at once. Write methods run in IMMEDIATE transactions so concurrent writers queue on the
 * busy timeout instead of failing midway.
 */
export class SqliteHistoryStore {
  readonly path: string
  readonly db: Database.Database
  private readonly testIds = new Map<string, number>()
  private readonly insertStatements = new Map<number, Database.Statement>()
  private readonly statements

  private constructor(path: string, db: Database.Database) {
    this.path = path
    this.db = db
    this.statements = {
      findRun: db.prepare<[string], { id: number }>('SELECT id FROM runs WHERE run_key = ?'),
      insertRun: db.prepare(
        `INSERT INTO runs (run_key, runner, runner_version, project, started_at, commit_sha, branch, ci, job, shard)
         VALUES (@runKey, @runner, @runnerVersion, @project, @startedAt, @commit, @branch, @ci, @job, @shard)`,
      ),
      endRun: db.prepare('UPDATE runs SET outcome = @outcome, ended_at = @endedAt, exit_code = @exitCode WHERE id = @id'),
      findTest: db.prepare<[string], number>('SELECT id FROM tests WHERE test_key = ?').pluck(),
      insertTest: db
        .prepare<[string, string, string], number>('INSERT INTO tests (test_key, file, full_name) VALUES (?, ?, ?) RETURNING id')
        .pluck(),
      addStats: db.prepare(ADD_STATS_FOR_ROWS),
      maxExecutionId: db.prepare('SELECT coalesce(max(id), 0) FROM executions').pluck(),
    }
  }

  /** Opens or creates the store at `path`. Throws a StoreError naming the problem and the fix. */
  static open(path: string, options?: OpenStoreOptions): SqliteHistoryStore {
    return new SqliteHistoryStore(path, openDatabase(path, options))
  }

  /** Records the start of a run and returns its row id; an existing run key returns the existing row. */
  beginRun(run: RunInfo): number {
    return this.write(() => this.insertRun(run) ?? (this.statements.findRun.get(run.runKey)?.id as number))
  }

  /**
   * Appends attempts to a run. The last attempt of each test within the batch is marked final,
   * so a batch must hold all attempts of the tests it names (reporters send one file at a time).
   */
  addAttempts(runId: number, attempts: readonly AttemptRecord[]): void {
    if (attempts.length === 0) return
    this.write(() => this.insertAttempts(runId, attempts))
  }

  /** Records how a run ended. */
  endRun(runId: number, end: RunEnd): void {
    this.write(() => {
      this.statements.endRun.run({ id: runId, outcome: end.outcome, endedAt: end.endedAt.toISOString(), exitCode: end.exitCode ?? null })
    })
  }

  /** Adds whole runs atomically; runs whose key is already stored are skipped, so re-adding is harmless. */
  addRuns(runs: Iterable<StoredRun>): AddRunsResult {
    return this.write(() => {
      const result: AddRunsResult = { runsAdded: 0, runsSkipped: 0, executionsAdded: 0 }
      for (const { run, end, attempts } of runs) {
        const runId = this.insertRun(run)
        if (runId === undefined) {
          result.runsSkipped++
          continue
        }
        this.insertAttempts(runId, attempts)
        if (end)
          this.statements.endRun.run({
            id: runId,
            outcome: end.outcome,
            endedAt: end.endedAt.toISOString(),
            exitCode: end.exitCode ?? null,
          })
        result.runsAdded++
        result.executionsAdded += attempts.length
      }
      return result
    })
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  private insertRun(run: RunInfo): number | undefined {
    if (this.statements.findRun.get(run.runKey)) return undefined
    const info = this.statements.insertRun.run({
      runKey: run.runKey,
      runner: run.runner,
      runnerVersion: run.runnerVersion ?? null,
      project: run.project ?? null,
      startedAt: run.startedAt.toISOString(),
      commit: run.commit ?? null,
      branch: run.branch ?? null,
      ci: run.ci ?? null,
      job: run.job ?? null,
      shard: run.shard ?? null,
    })
    return Number(info.lastInsertRowid)
  }

  private insertAttempts(runId: number, attempts: readonly AttemptRecord[]): void {
    const lastAttempt = new Map<string, number>()
    for (const a of attempts) {
      const key = testId(a.file, a.fullName)
      lastAttempt.set(key, Math.max(lastAttempt.get(key) ?? -1, a.attempt))
    }
    const values: unknown[] = []
    for (const a of attempts) {
      const key = testId(a.file, a.fullName)
      values.push(
        runId,
        this.testRowId(key, a.file, a.fullName),
        a.attempt,
        lastAttempt.get(key) === a.attempt ? 1 : 0,
        a.status,
        a.durationMs ?? null,
        a.errorName ?? null,
        a.errorMessage?.slice(0, MAX_MESSAGE) ?? null,
        a.status === 'failed' ? (errorSignature(a.errorName, a.errorMessage) ?? null) : null,
        a.project ?? null,
      )
    }
    const first = Number(this.statements.maxExecutionId.get()) + 1
    // Many rows per statement: the per-call cost of a prepared statement dominates single-row inserts.
    for (let row = 0; row < attempts.length; row += ROWS_PER_INSERT) {
      const rows = Math.min(ROWS_PER_INSERT, attempts.length - row)
      this.insertExecutions(rows).run(values.slice(row * EXECUTION_COLUMNS, (row + rows) * EXECUTION_COLUMNS))
    }
    this.statements.addStats.run(first, first + attempts.length - 1)
  }

  private insertExecutions(rows: number): Database.Statement {
    let statement = this.insertStatements.get(rows)
    if (!statement) {
      const tuple = `(${Array(EXECUTION_COLUMNS).fill('?').join(', ')})`
      statement = this.db.prepare(
        `INSERT INTO executions (run_id, test_id, attempt, final, status, duration_ms, error_name, error_message, error_signature, project)
         VALUES ${Array(rows).fill(tuple).join(', ')}`,
      )
      this.insertStatements.set(rows, statement)
    }
    return statement
  }

  private testRowId(key: string, file: string, fullName: string): number {
    let id = this.testIds.get(key)
    if (id === undefined) {
      // Read first: nearly every test already exists, and a read takes no write lock on its page.
      id = this.statements.findTest.get(key) ?? (this.statements.insertTest.get(key, file, fullName) as number)
      this.testIds.set(key, id)
    }
    return id
  }

  private write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate()
    } catch (error) {
      // A rolled-back transaction may have dropped test rows that the cache still names.
      this.testIds.clear()
      throw toStoreError(error, this.path)
    }
  }
}
