import { workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { patternsById } from '../store/pattern-rows.js'
import { keywordSearch } from './keyword-search.js'
import {
  type KeywordThreadData,
  type KeywordThreadReply,
  type KeywordThreadRequest,
  REPLY_SLOT,
  THREAD_STATE,
} from './keyword-thread-protocol.js'
import { TermStatistics } from './term-statistics.js'

const { port, path, signal } = workerData as KeywordThreadData
const slots = new Int32Array(signal)

function setState(state: number): void {
  Atomics.store(slots, 0, state)
  Atomics.notify(slots, 0)
}

function reply(message: KeywordThreadReply, ...slotsDone: number[]): void {
  port.postMessage(message)
  for (const slot of slotsDone) {
    Atomics.store(slots, slot, message.seq)
    Atomics.notify(slots, slot)
  }
}

function open(): { db: Database.Database; terms: TermStatistics } | undefined {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true })
    // A writer commits through a rollback journal: wait for it as the store's own connection does.
    db.pragma('busy_timeout = 10000')
    const terms = new TermStatistics(db)
    // Loading the vocabulary is the slow part of a first search: do it before saying ready.
    terms.select([])
    return { db, terms }
  } catch {
    return undefined
  }
}

const opened = open()
if (opened) {
  const { db, terms } = opened
  port.on('message', (request: KeywordThreadRequest) => {
    if (request.kind === 'invalidate') {
      terms.invalidate()
    } else if (request.kind === 'close') {
      db.close()
      port.close()
    } else {
      const { seq } = request
      try {
        const ids = keywordSearch(db, terms, request.text, request.k, request.filter)
        reply({ seq, ids }, REPLY_SLOT.ids)
        reply({ seq, rows: [...patternsById(db, ids.slice(0, request.rows)).values()] }, REPLY_SLOT.rows)
      } catch (error) {
        reply({ seq, error: (error as Error).message }, REPLY_SLOT.ids, REPLY_SLOT.rows)
      }
    }
  })
  setState(THREAD_STATE.ready)
} else {
  // The store then searches on its own thread, as it does for small stores; nothing is lost.
  setState(THREAD_STATE.failed)
  port.close()
}
