import { BroadcastChannel, MessageChannel } from 'node:worker_threads'
import { Piscina } from 'piscina'
import { idleCores, type MachineResources, planConcurrency } from './threads.js'
import type { WorkerReply, WorkerSettings, WorkerTask } from './worker-protocol.js'

/** How the local model pool runs. */
export interface ModelPoolOptions {
  /** Worker threads, each with its own warm copy of the models it served. @default 1 */
  workers?: number
  /** CPU threads per worker. @default idle cores (cores minus the load average) / workers, at least 1 */
  threadsPerWorker?: number
  /** Requests one worker serves at once, as parallel sequences of one context. @default 2 on the CPU, by VRAM on a GPU */
  sequencesPerWorker?: number
  /** Context size in tokens (capped by each model's training context). @default 2048 */
  contextSize?: number
  /** `auto` offloads to a GPU when one is found. @default 'auto' */
  gpu?: 'auto' | false
  /**
   * What the machine offers, e.g. from `runDoctor`: with a GPU, one worker serves as many parallel
   * sequences as the free VRAM fits. @default CPU only, idle cores (cores minus the load average)
   */
  machine?: Partial<MachineResources>
  /** The worker script; tests substitute a wrapper around it. @default the compiled `worker.js` beside this module */
  workerFile?: string | URL
}

/** Options of one pool request. */
export interface PoolRunOptions {
  /** The worker stops generating after this many ms; the pool gives up on it a little later. */
  timeoutMs: number
  signal?: AbortSignal
}

// How long close() waits for the workers to free their models before stopping them anyway.
const DISPOSE_WAIT_MS = 2_000
let pools = 0

// How long after its timeout a request is given up on when the worker has not answered.
const GIVE_UP_GRACE_MS = 2_000

/**
 * A piscina pool of node-llama-cpp workers. Each worker loads a model once and keeps it warm; a
 * worker that crashes is replaced by piscina and its request retried once; `close` waits for
 * running requests and frees the models.
 */
export class ModelPool {
  readonly settings: WorkerSettings
  readonly workers: number
  private readonly piscina: Piscina<WorkerTask, WorkerReply>
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor(options: ModelPoolOptions = {}) {
    const machine = { cores: idleCores(), gpu: false, vramFreeBytes: 0, modelBytes: 0, ...options.machine }
    const plan = planConcurrency(machine, options.workers)
    this.workers = validCount(options.workers ?? plan.workers, 'workers')
    this.settings = {
      threads: validCount(options.threadsPerWorker ?? plan.threadsPerWorker, 'threadsPerWorker'),
      sequences: validCount(options.sequencesPerWorker ?? plan.sequencesPerWorker, 'sequencesPerWorker'),
      contextSize: validCount(options.contextSize ?? 2048, 'contextSize'),
      gpu: options.gpu ?? 'auto',
      disposeChannel: `aqe-model-pool-${process.pid}-${++pools}`,
    }
    const file = options.workerFile ?? new URL('./worker.js', import.meta.url)
    this.piscina = new Piscina({
      filename: file instanceof URL ? file.href : file,
      minThreads: this.workers,
      maxThreads: this.workers,
      concurrentTasksPerWorker: this.settings.sequences,
      idleTimeout: Number.POSITIVE_INFINITY,
      // An idle worker must keep its event loop running to hear the dispose request ('sync' blocks it).
      atomics: 'async',
      workerData: this.settings,
    })
  }

  /** Runs one task; a request whose worker died is retried once on a fresh worker. */
  async run(task: WorkerTask, options: PoolRunOptions): Promise<WorkerReply> {
    const reply = await this.runOnce(task, options)
    return reply === CRASHED ? this.runOnce(task, options).then((r) => (r === CRASHED ? crashed() : r)) : reply
  }

  /** Runs a completion and yields its text as the worker produces it. */
  async *stream(task: Extract<WorkerTask, { kind: 'complete' }>, options: PoolRunOptions): AsyncGenerator<string, WorkerReply> {
    const chunks: string[] = []
    let wake: (() => void) | undefined
    let settled: WorkerReply | undefined
    // A consumer that stops reading early cancels the generation instead of leaving it running.
    const stop = new AbortController()
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal
    // A stream is not retried after a crash: its first chunks may already have been consumed.
    this.runOnce({ ...task, stream: true }, { ...options, signal }, (text) => {
      chunks.push(text)
      wake?.()
    }).then((r) => {
      settled = r === CRASHED ? crashed() : r
      wake?.()
    })
    try {
      while (true) {
        if (chunks.length > 0) {
          yield chunks.shift() as string
          continue
        }
        if (settled) return settled
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        wake = undefined
      }
    } finally {
      if (!settled) stop.abort()
    }
  }

  /** Waits for running requests, has every worker free its models, then stops the workers. */
  async close(): Promise<void> {
    await Promise.allSettled(this.inFlight)
    await this.disposeModels()
    await this.piscina.close()
  }

  // Every worker answers with its thread id once its models are freed; a worker that never started answers too.
  // Counting distinct threads, not answers: stopping a worker that is still freeing its model can abort the process.
  private async disposeModels(): Promise<void> {
    const channel = new BroadcastChannel(this.settings.disposeChannel as string)
    const answered = new Set<number>()
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DISPOSE_WAIT_MS)
      channel.onmessage = (event) => {
        const data = (event as MessageEvent).data as { disposed?: number } | undefined
        if (typeof data?.disposed !== 'number') return
        answered.add(data.disposed)
        if (answered.size >= this.piscina.threads.length) {
          clearTimeout(timer)
          resolve()
        }
      }
      channel.postMessage('dispose')
    })
    channel.close()
  }

  private runOnce(task: WorkerTask, options: PoolRunOptions, onText?: (text: string) => void): Promise<WorkerReply | typeof CRASHED> {
    const { port1, port2 } = new MessageChannel()
    if (onText) port1.on('message', onText)
    const request = new Promise<WorkerReply | typeof CRASHED>((resolve) => {
      let done = false
      const finish = (reply: WorkerReply | typeof CRASHED) => {
        if (done) return
        done = true
        clearTimeout(backstop)
        options.signal?.removeEventListener('abort', onAbort)
        // Chunks posted just before the reply may still be queued on the port; let them arrive first.
        setImmediate(() => {
          port1.close()
          resolve(reply)
        })
      }
      const onAbort = () => {
        port1.postMessage('cancel')
        finish({ ok: false, reason: 'cancelled', message: 'the request was cancelled' })
      }
      // A worker that ignores its own timeout (stuck loading a model) is left to finish in the background.
      const backstop = setTimeout(() => {
        port1.postMessage('cancel')
        finish({ ok: false, reason: 'timeout', message: `the model worker did not answer within ${options.timeoutMs} ms` })
      }, options.timeoutMs + GIVE_UP_GRACE_MS)
      if (options.signal?.aborted) return onAbort()
      options.signal?.addEventListener('abort', onAbort, { once: true })
      this.piscina.run({ ...task, port: port2 }, { transferList: [port2] as never }).then(finish, (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        if (/worker exited|Terminating worker thread/.test(message)) finish(CRASHED)
        else finish({ ok: false, reason: 'local-failed', message: `the model worker failed: ${message}` })
      })
    })
    // close() waits for these before the workers free their models.
    this.inFlight.add(request)
    void request.finally(() => this.inFlight.delete(request))
    return request
  }
}

const CRASHED = Symbol('crashed')

function crashed(): WorkerReply {
  return { ok: false, reason: 'local-failed', message: 'the model worker crashed twice on this request' }
}

function validCount(value: number, option: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`options.${option} must be a positive integer, got ${value}`)
  return value
}
