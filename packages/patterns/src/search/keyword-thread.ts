import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import type { PatternFilter, StoredPattern } from '../pattern.js'
import {
  type KeywordThreadData,
  type KeywordThreadReply,
  type KeywordThreadRequest,
  REPLY_SLOT,
  THREAD_STATE,
} from './keyword-thread-protocol.js'

const WORKER = new URL('./keyword-thread-worker.js', import.meta.url)
/** Longer than the worker's busy timeout: past it, the thread is taken for dead. */
const REPLY_TIMEOUT_MS = 30_000

/**
 * A keyword search under way on the thread. Each call blocks until its reply is there, and gives
 * undefined when the thread cannot answer (it failed, stopped answering, or the search failed
 * there): the caller then does that part on its own connection, which reports any error as before.
 */
export interface PendingKeywordSearch {
  /** The ids best first. */
  ids(): number[] | undefined
  /** The rows of the first `rows` ids; call after `ids`. */
  rows(): StoredPattern[] | undefined
}

/** Where the keyword thread is: searches go to it only once it is ready. */
export type KeywordThreadState = 'starting' | 'ready' | 'failed'

/**
 * The FTS5 keyword query on a worker thread with its own read-only connection, so that it runs
 * while this thread walks the HNSW graph: on a large store the two cost about the same.
 * Everything stays synchronous for the caller: `request` posts the query and returns functions
 * that block until the ids, then the rows, are there.
 */
export class KeywordThread {
  private sent = 0
  private dead = false

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly slots: Int32Array,
  ) {}

  /** Starts the thread on the store at `path`; undefined when running from TypeScript sources (no compiled worker). */
  static start(path: string): KeywordThread | undefined {
    if (!existsSync(fileURLToPath(WORKER))) return undefined
    const { port1, port2 } = new MessageChannel()
    const data: KeywordThreadData = { port: port2, path, signal: new SharedArrayBuffer(12) }
    const worker = new Worker(WORKER, { workerData: data, transferList: [port2] })
    // An idle thread must not keep the process alive, and its death must not crash this thread.
    worker.unref()
    const thread = new KeywordThread(worker, port1, new Int32Array(data.signal))
    worker.on('error', () => {
      thread.dead = true
    })
    return thread
  }

  get state(): KeywordThreadState {
    if (this.dead) return 'failed'
    const state = Atomics.load(this.slots, 0)
    return state === THREAD_STATE.ready ? 'ready' : state === THREAD_STATE.failed ? 'failed' : 'starting'
  }

  /**
   * Posts a keyword search of the best `k` ids and the rows of the first `rows` of them.
   * Undefined when the thread is not ready (starting or failed).
   */
  request(text: string, k: number, filter: PatternFilter | undefined, rows: number): PendingKeywordSearch | undefined {
    if (this.state !== 'ready') return undefined
    const seq = ++this.sent
    this.post({ kind: 'search', seq, text, k, filter, rows })
    return {
      ids: () => {
        const reply = this.await(seq, 'ids')
        return reply && 'ids' in reply ? reply.ids : undefined
      },
      rows: () => {
        const reply = this.await(seq, 'rows')
        return reply && 'rows' in reply ? reply.rows : undefined
      },
    }
  }

  /** Tells the thread the store was written to, so that its next search reloads the term statistics. */
  invalidate(): void {
    if (!this.dead) this.post({ kind: 'invalidate' })
  }

  /** Lets the thread close its connection and end. */
  close(): void {
    if (!this.dead) this.post({ kind: 'close' })
    this.dead = true
    this.port.close()
  }

  private post(request: KeywordThreadRequest): void {
    this.port.postMessage(request)
  }

  private await(seq: number, kind: keyof typeof REPLY_SLOT): KeywordThreadReply | undefined {
    const slot = REPLY_SLOT[kind]
    // A slot at seq or beyond means the reply is in the port: replies come in order.
    for (let posted = Atomics.load(this.slots, slot); posted < seq; posted = Atomics.load(this.slots, slot)) {
      if (this.dead || Atomics.wait(this.slots, slot, posted, REPLY_TIMEOUT_MS) === 'timed-out') {
        this.dead = true
        void this.worker.terminate()
        return undefined
      }
    }
    // Replies to searches whose caller gave up waiting (an error in between) are skipped.
    for (let message = receiveMessageOnPort(this.port); message; message = receiveMessageOnPort(this.port)) {
      const reply = message.message as KeywordThreadReply
      if (reply.seq === seq && (kind in reply || 'error' in reply)) return reply
    }
    return undefined
  }
}
