import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { type FileComplexity, measureComplexity } from './complexity.js'
import { unpackComplexities } from './complexity-transfer.js'
import type { ComplexityWorkerBatch, ComplexityWorkerData, ComplexityWorkerJob } from './complexity-worker.js'

/** Below this many files, parsing in worker threads costs more than it saves. */
export const PARALLEL_THRESHOLD = 500
const MAX_THREADS = 4
const WORKER = new URL('./complexity-worker.js', import.meta.url)

/**
 * The number of threads {@link measureFiles} uses by default for `count` files: this one plus the
 * workers. With workers, this thread measures nothing itself: the gain comes from measuring while
 * this thread reads the coverage, and a file that needs Babel (JSX, decorators…) costs a thread
 * about half a second of compiling Babel first.
 */
export function defaultParallelism(count: number): number {
  return count < PARALLEL_THRESHOLD ? 1 : Math.min(availableParallelism(), MAX_THREADS)
}

/** Parsing under way; see {@link startMeasuring}. */
export interface Measuring {
  /**
   * Hands the workers the files to parse, in the order they should go: those likely to be needed.
   * Call at most once; without it, `finish` parses what it needs on this thread.
   */
  supply(files: readonly string[]): void
  /** Tells the workers which supplied files are needed after all; the others are skipped from now on. */
  need(files: readonly string[]): void
  /**
   * The measurements of one file: taken from what the workers post (waiting for it if need be), or
   * measured on this thread when no worker will post it. For callers that go through the files in
   * the order they were supplied.
   */
  get(file: string): FileComplexity
  /**
   * Calls `visit` with the measurements of each of `files` (by its index there), as soon as they are
   * there: first what the workers post, while they parse on, then the rest, parsed on this thread.
   * Calls `need(files)` first. The order of the calls is the order in which results come in.
   */
  each(files: readonly string[], visit: (index: number, complexity: FileComplexity) => void): void
  /** The measurements of `files`, in order; see `each`. */
  finish(files: readonly string[]): FileComplexity[]
  /** Stops the workers (after `finish`, or when the caller gave up on an error). */
  close(): void
}

/**
 * Starts `workers` worker threads that load the parser and wait for files, so that their start
 * overlaps the caller's work. Falls back to parsing on this thread when there are no workers or
 * the compiled worker is not there (running from TypeScript sources). Everything stays
 * synchronous: `finish` blocks until the workers have posted, so callers need not become async.
 * With `sources`, the text of every file measured is kept there (by path), for a report that shows it.
 */
export function startMeasuring(workers: number, sources?: Map<string, string>): Measuring {
  const measure = (file: string) => {
    const text = readFileSync(file, 'utf8')
    sources?.set(file, text)
    return measureComplexity(text, file)
  }
  const jobs: { worker: Worker; port: MessagePort }[] = []
  if (workers > 0 && existsSync(fileURLToPath(WORKER))) {
    for (let t = 0; t < workers; t++) {
      const { port1, port2 } = new MessageChannel()
      const data: ComplexityWorkerData = { port: port2 }
      const worker = new Worker(WORKER, { workerData: data, transferList: [port2] })
      worker.unref()
      // A worker that dies never posts its last batch; `receive` then gives up after its timeout. The
      // listener keeps the death from also crashing this thread once its event loop runs again.
      worker.on('error', () => {})
      jobs.push({ worker, port: port1 })
    }
  }
  let supplied: string[] = []
  let position = new Map<string, number>()
  let counters: Int32Array | undefined
  let wanted: Uint8Array | undefined
  let open = 0
  const close = () => {
    for (const job of jobs) {
      job.port.close()
      void job.worker.terminate()
    }
    jobs.length = 0
  }
  /**
   * Hands each measurement posted so far to `take`, by its index in `supplied`; with `wait`, first
   * waits for a post when there is none. Returns false once every worker has posted its last batch.
   */
  const receive = (take: (index: number, complexity: FileComplexity) => void, wait: boolean): boolean => {
    if (!counters || open === 0) return false
    // Read the post count before looking, so that a batch posted in between ends the wait at once.
    const posted = Atomics.load(counters, 1)
    let received = false
    for (const job of jobs) {
      for (let message = receiveMessageOnPort(job.port); message; message = receiveMessageOnPort(job.port)) {
        received = true
        const batch = message.message as ComplexityWorkerBatch
        const results = unpackComplexities(batch.results)
        batch.indexes.forEach((index, k) => {
          const text = batch.texts?.[k]
          if (text !== undefined) sources?.set(supplied[index] as string, text)
          take(index, results[k] as FileComplexity)
        })
        if (batch.last) open--
      }
    }
    if (wait && !received && open > 0 && Atomics.wait(counters, 1, posted, 60_000) === 'timed-out') {
      throw new Error('complexity workers posted nothing for 60 s')
    }
    return open > 0
  }
  const early = new Map<number, FileComplexity>()
  return {
    supply(files) {
      if (jobs.length === 0 || counters || files.length === 0) return
      supplied = [...files]
      position = new Map(supplied.map((file, i) => [file, i]))
      const job: ComplexityWorkerJob = {
        files: supplied,
        counters: new SharedArrayBuffer(8),
        wanted: new SharedArrayBuffer(supplied.length),
        keepSources: sources !== undefined,
      }
      counters = new Int32Array(job.counters)
      wanted = new Uint8Array(job.wanted)
      wanted.fill(1)
      open = jobs.length
      for (const { port } of jobs) port.postMessage(job)
    },
    need(files) {
      if (!wanted) return
      const needed = new Set(files)
      supplied.forEach((file, i) => {
        if (!needed.has(file)) Atomics.store(wanted as Uint8Array, i, 0)
      })
    },
    get(file) {
      const index = position.get(file)
      if (index === undefined) return measure(file)
      for (;;) {
        const complexity = early.get(index)
        if (complexity) {
          early.delete(index)
          return complexity
        }
        if (!receive((i, c) => early.set(i, c), true) && !early.has(index)) return measure(file)
      }
    },
    each(files, visit) {
      const done = new Uint8Array(files.length)
      if (counters) {
        this.need(files)
        const at = new Map(files.map((file, i) => [file, i]))
        const take = (index: number, complexity: FileComplexity) => {
          const i = at.get(supplied[index] as string)
          if (i === undefined || done[i]) return
          done[i] = 1
          visit(i, complexity)
        }
        for (const [index, complexity] of early) take(index, complexity)
        early.clear()
        while (receive(take, true)) {}
      }
      close()
      // What no worker parsed (not supplied, or unreadable there) is parsed here, failing as it always did.
      files.forEach((file, i) => {
        if (!done[i]) visit(i, measure(file))
      })
    },
    finish(files) {
      const results = new Array<FileComplexity>(files.length)
      this.each(files, (i, complexity) => {
        results[i] = complexity
      })
      return results
    },
    close,
  }
}

/** Parses every file and measures its complexity, on `threads` threads; see {@link startMeasuring}. */
export function measureFiles(files: readonly string[], threads = defaultParallelism(files.length)): FileComplexity[] {
  const measuring = startMeasuring(threads > 1 && files.length >= threads * 2 ? threads - 1 : 0)
  try {
    measuring.supply(files)
    return measuring.finish(files)
  } finally {
    measuring.close()
  }
}
