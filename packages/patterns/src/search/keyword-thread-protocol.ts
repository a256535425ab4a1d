import type { MessagePort } from 'node:worker_threads'
import type { PatternFilter, StoredPattern } from '../pattern.js'

/** What the keyword thread is started with. */
export interface KeywordThreadData {
  port: MessagePort
  /** The store's SQLite file, opened here read-only on a connection of this thread's own. */
  path: string
  /** Int32 slots: [0] the thread's state (see THREAD_STATE), [1] replies posted so far. */
  signal: SharedArrayBuffer
}

/** Values of the state slot. */
export const THREAD_STATE = { starting: 0, ready: 1, failed: 2 } as const

/**
 * A keyword search to run (with the rows of its first `rows` ids, which the caller will likely
 * return), or word that the store was written to (the term statistics are stale), or to close.
 */
export type KeywordThreadRequest =
  | { kind: 'search'; seq: number; text: string; k: number; filter?: PatternFilter; rows: number }
  | { kind: 'invalidate' }
  | { kind: 'close' }

/** What a keyword search found: the ids best first, and the rows asked for. */
export interface KeywordAnswer {
  ids: number[]
  rows: StoredPattern[]
}

/** The answer to search `seq`, or why the search failed here. */
export type KeywordThreadReply = ({ seq: number } & KeywordAnswer) | { seq: number; error: string }
