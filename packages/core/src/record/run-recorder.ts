import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
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
 * Records one test run for a reporter, and never throws. A store that is missing, corrupt,
 * read-only or locked costs one warning; from then on the run's attempts go to an aqe JSON Lines
 * file beside the store (or in the temp directory), written as they arrive so that even a killed
 * run loses nothing, for a later `aqe history import`. The test run's outcome never changes.
 */
export class RunRecorder {
  private readonly options: RunRecorderOptions & { warn: WarnFn }
  private store: SqliteHistoryStore | undefined
  private runId: number | undefined
  private pending: AttemptRecord[] = []
  /** Set once the store failed: every attempt of the run, and the file they are kept in. */
  private aside: { attempts: AttemptRecord[]; file: string | undefined } | undefined

  constructor(options: RunRecorderOptions) {
    this.options = { warn: warnOnStderr, ...options }
    try {
      this.store = SqliteHistoryStore.open(options.dbPath, { busyTimeoutMs: options.busyTimeoutMs })
      this.runId = this.store.beginRun(options.run)
    } catch (error) {
      this.setAside(error)
    }
  }

  /** Adds all attempts of some tests (one file's worth) and writes them to the store. */
  record(attempts: readonly AttemptRecord[]): void {
    if (this.aside) {
      this.keepAside(attempts)
      return
    }
    this.pending.push(...attempts)
    try {
      this.store?.addAttempts(this.runId as number, this.pending)
      this.pending = []
    } catch (error) {
      this.setAside(error)
    }
  }

  /** Writes the end of the run and closes the store. */
  finish(end: RunEnd): void {
    if (!this.aside) {
      try {
        this.store?.endRun(this.runId as number, end)
      } catch (error) {
        this.setAside(error)
      }
    }
    if (this.aside?.file) this.rewriteAside(this.aside.file, end)
    try {
      this.store?.close()
    } catch {
      // Closing a broken handle has nothing left to lose.
    }
    this.store = undefined
  }

  private setAside(error: unknown): void {
    const attempts = this.pending
    this.pending = []
    const file = this.asideFile()
    this.aside = { attempts: [], file }
    const where = file
      ? `This run's results are kept in ${file} instead; add them later with: aqe history import ${file} --db ${this.options.dbPath}.`
      : 'This run could not be recorded anywhere.'
    this.options.warn(`${(error as Error).message} ${where} The test run is not affected.`)
    this.keepAside(attempts)
  }

  private asideFile(): string | undefined {
    const name = `aqe-unsaved-${this.options.run.runKey}.jsonl`
    for (const dir of [dirname(this.options.dbPath), tmpdir()]) {
      try {
        mkdirSync(dir, { recursive: true })
        writeFileSync(join(dir, name), '', { flag: 'a' })
        return join(dir, name)
      } catch {
        // Try the next directory.
      }
    }
    return undefined
  }

  private keepAside(attempts: readonly AttemptRecord[]): void {
    const aside = this.aside as { attempts: AttemptRecord[]; file: string | undefined }
    aside.attempts.push(...attempts)
    if (!aside.file || attempts.length === 0) return
    try {
      appendFileSync(aside.file, this.lines(attempts))
    } catch {
      // The final rewrite tries again with everything.
    }
  }

  // Lines written during the run lack its end; the final rewrite adds it, atomically.
  private rewriteAside(file: string, end: RunEnd): void {
    try {
      writeFileSync(`${file}.tmp`, this.lines(this.aside?.attempts ?? [], end))
      renameSync(`${file}.tmp`, file)
    } catch {
      // The incrementally written lines stay; they import as a run without an end.
    }
  }

  private lines(attempts: readonly AttemptRecord[], end?: RunEnd): string {
    return attempts.map((a) => `${formatJsonlLine(executionRow(this.options.run, end, a))}\n`).join('')
  }
}
