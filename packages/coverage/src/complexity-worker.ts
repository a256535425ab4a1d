import { readFileSync } from 'node:fs'
import { type MessagePort, workerData } from 'node:worker_threads'
import { type FileComplexity, measureComplexity } from './complexity.js'

/** What a worker posts as it goes: file indexes and their measurements; `last` on its final batch. */
export interface ComplexityWorkerBatch {
  indexes: number[]
  results: FileComplexity[]
  last: boolean
}

/** Files a worker measures between two posts, so that the caller can use results while it parses on. */
const BATCH = 100

/** What `startMeasuring` hands each worker when it starts. */
export interface ComplexityWorkerData {
  port: MessagePort
}

/** The work, posted once the files are known (the worker starts before, so that its start-up overlaps the caller's). */
export interface ComplexityWorkerJob {
  files: string[]
  /** Int32 slots: [0] the next file index to take (shared with the other workers), [1] batches posted by all workers. */
  counters: SharedArrayBuffer
  /** One byte per file: 0 once the caller knows the file needs no parsing (it is fully covered). */
  wanted: SharedArrayBuffer
}

const { port } = workerData as ComplexityWorkerData
port.once('message', ({ files, counters, wanted }: ComplexityWorkerJob) => {
  const count = new Int32Array(counters)
  const want = new Uint8Array(wanted)
  let indexes: number[] = []
  let results: FileComplexity[] = []
  const post = (last: boolean) => {
    port.postMessage({ indexes, results, last } satisfies ComplexityWorkerBatch)
    indexes = []
    results = []
    Atomics.add(count, 1, 1)
    Atomics.notify(count, 1)
  }
  // Files are taken one at a time from the shared counter, so a worker that is slowed down takes fewer.
  // A file that fails here (unreadable, say) is left to the caller, which parses what is missing
  // itself and so reports the problem as it always did, or does not need the file at all.
  for (let i = Atomics.add(count, 0, 1); i < files.length; i = Atomics.add(count, 0, 1)) {
    if (Atomics.load(want, i) === 0) continue
    const file = files[i] as string
    try {
      const measured = measureComplexity(readFileSync(file, 'utf8'), file)
      indexes.push(i)
      results.push(measured)
    } catch {}
    if (indexes.length === BATCH) post(false)
  }
  post(true)
  port.close()
})
