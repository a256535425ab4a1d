import type { MessagePort } from 'node:worker_threads'
import type { FailureReason } from '../errors.js'
import type { JsonSchema } from '../types.js'

/** Settings every pool worker starts with (piscina `workerData`). */
export interface WorkerSettings {
  /** CPU threads this worker's contexts use; the pool sizes it so workers never oversubscribe the cores. */
  threads: number
  /** Context size in tokens for each loaded model. */
  contextSize: number
  /** Parallel sequences per context, i.e. requests one worker serves at once. */
  sequences: number
  /** `auto` offloads layers to a GPU when one is found; `false` forces the CPU. */
  gpu: 'auto' | false
  /**
   * The BroadcastChannel on which the pool asks its workers to free their models before it stops
   * them: a thread terminated while node-llama-cpp still holds models aborts the whole process.
   */
  disposeChannel?: string
}

/** A request sent to a pool worker. */
export type WorkerTask = (
  | {
      kind: 'complete'
      modelPath: string
      prompt: string
      maxTokens: number
      temperature: number
      schema?: JsonSchema
      timeoutMs: number
      /** Post text chunks on `port` as they are generated. */
      stream?: boolean
    }
  | { kind: 'embed'; modelPath: string; texts: string[] }
  | { kind: 'tokenize'; modelPath: string; text: string }
  | { kind: 'load'; modelPath: string }
) & {
  /**
   * The request's control channel: the pool posts `'cancel'` on it; the worker posts text chunks.
   * Cancellation is cooperative because terminating a thread inside llama.cpp aborts the process.
   */
  port?: MessagePort
}

/** A worker's answer; failures travel as data because thrown errors lose their fields across threads. */
export type WorkerReply =
  | { ok: true; text?: string; promptTokens?: number; outputTokens?: number; vectors?: number[][]; tokens?: number[]; contextSize?: number }
  | { ok: false; reason: FailureReason; message: string }
