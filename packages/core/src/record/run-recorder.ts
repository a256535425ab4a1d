import { appendFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { executionRow, formatJsonlLine } from '../io/jsonl-format.js'
import { SqliteHistoryStore } from '../store/sqlite-history-store.js'
import type { AttemptRecord, RunEnd, RunInfo } from './types.js'
import { type WarnFn, warnOnStderr } from './warn.js'

/** Options of a run recorder. */
export interface RunRecorderOptions {
  /** Absolute path of the history store. */
  dbPath: string
  run: RunInfo
  /** Where warnings go. @default a line on stderr */
  warn?: WarnFn
  /** Lock wait before giving up on the store, in ms. @default 10000 */
  busyTimeoutMs?: number
}

/**
 * Records one test run for a reporter, and never throws: a store that is missing, corrupt,
 * read-only or locked costs one warning, and the attempts it could not take are written as aqe
 * JSON Lines beside the store (or in the temp directory) for a later `aqe history import`, so
 * nothing is lost and the test run's outcome never changes.
 */
export class RunRecorder {
  private readonly options: RunRecorderOptions & { warn: WarnFn }
  private store: SqliteHistoryStore | undefined
  private runId: number | undefined
  private pending: AttemptRecord[] = []
  private failed = false

  constructor(options: RunRecorderOptions) {
    this.options = { warn: warnOnStderr, ...options }
    try {
      this.store = SqliteHistoryStore.open(options.dbPath, { busyTimeoutMs: options.busyTimeoutMs })
      this.runId = this.store.beginRun(options.run)
    } catch (error) {
      this.fail(error)
    }
  }

  /** Adds all attempts of some tests (one file's worth) and writes them to the store. */
  record(attempts: readonly AttemptRecord[]): void {
    this.pending.push(...attempts)
    this.flush()
  }

  /** Writes the end of the run and closes the store; pending attempts are spilled if the store failed. */
  finish(end: RunEnd): void {
    this.flush()
    if (this.store && this.runId !== undefined && !this.failed) {
      try {
        this.store.endRun(this.runId, end)
      } catch (error) {
        this.fail(error)
      }
    }
    if (this.pending.length > 0) this.spill(end)
    try {
      this.store?.close()
    } catch {
      // Closing a broken handle has nothing left to lose.
    }
    this.store = undefined
  }

  private flush(): void {
    if (this.failed || !this.store || this.runId === undefined || this.pending.length === 0) return
    try {
      this.store.addAttempts(this.runId, this.pending)
      this.pending = []
    } catch (error) {
      this.fail(error)
    }
  }

  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.options.warn(`${(error as Error).message} This run's results are kept aside instead; the test run is not affected.`)
  }

  private spill(end: RunEnd): void {
    const { run, dbPath } = this.options
    const name = `aqe-unsaved-${run.runKey}.jsonl`
    const body = this.pending.map((a) => formatJsonlLine(executionRow(run, end, a))).join('\n')
    for (const dir of [dirname(dbPath), tmpdir()]) {
      const file = join(dir, name)
      try {
        mkdirSync(dir, { recursive: true })
        appendFileSync(file, `${body}\n`)
        this.options.warn(
          `Kept ${this.pending.length} test executions in ${file}; add them with: aqe history import ${file} --db ${dbPath}`,
        )
        this.pending = []
        return
      } catch {
        // Try the next directory.
      }
    }
    this.options.warn(`Could not keep ${this.pending.length} test executions anywhere; they are not recorded.`)
  }
}
