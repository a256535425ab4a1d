import type { MessagePort } from 'node:worker_threads'
import type { PatternFilter, StoredPattern } from '../pattern.js'

/** What the keyword thread is started with. */
export interface KeywordThreadData {
  port: MessagePort
  /** The store's SQLite file, opened here read-only on a connection of this thread's own. */
  path: string
  /**
   * Int32 slots: [0] the thread's state (see THREAD_STATE), [1] the last search whose ids are
   * posted, [2] the last search whose rows are posted (a failed search sets both).
   */
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

/** Which slot a reply kind advances. */
export const REPLY_SLOT = { ids: 1, rows: 2 } as const

/**
 * The replies to search `seq`, in this order: its ids best first (posted as soon as FTS5 has
 * them, so that the caller can fuse while the rows are read), then the rows asked for; or why
 * the search failed here.
 */
export type KeywordThreadReply = { seq: number; ids: number[] } | { seq: number; rows: StoredPattern[] } | { seq: number; error: string }
