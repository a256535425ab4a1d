import { readFileSync } from 'node:fs'
import { type MessagePort, workerData } from 'node:worker_threads'
import { type FileComplexity, measureComplexity } from './complexity.js'
import { type PackedComplexities, packComplexities } from './complexity-transfer.js'

/** What a worker posts as it goes: file indexes and their measurements; `last` on its final batch. */
export interface ComplexityWorkerBatch {
  indexes: number[]
  results: PackedComplexities
  /** The files' text, when the job asked to keep it. */
  texts?: string[]
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
  /** Post each file's text with its measurements (for a report that shows the sources). */
  keepSources: boolean
}

const { port } = workerData as ComplexityWorkerData

function measureFiles(job: ComplexityWorkerJob): void {
  const files = job.files
  const count = new Int32Array(job.counters)
  const want = new Uint8Array(job.wanted)
  let indexes: number[] = []
  let results: FileComplexity[] = []
  let texts: string[] = []
  const post = (last: boolean) => {
    const packed = packComplexities(results)
    const batch: ComplexityWorkerBatch = { indexes, results: packed, last }
    if (job.keepSources) batch.texts = texts
    port.postMessage(batch, [packed.numbers.buffer as ArrayBuffer])
    indexes = []
    results = []
    texts = []
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
      const text = readFileSync(file, 'utf8')
      const result = measureComplexity(text, file)
      indexes.push(i)
      results.push(result)
      if (job.keepSources) texts.push(text)
    } catch {}
    if (indexes.length === BATCH) post(false)
  }
  post(true)
}

port.once('message', (job: ComplexityWorkerJob) => {
  measureFiles(job)
  port.close()
})
