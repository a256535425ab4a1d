import { workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { patternsById } from '../store/pattern-rows.js'
import { keywordSearch } from './keyword-search.js'
import { type KeywordThreadData, type KeywordThreadReply, type KeywordThreadRequest, THREAD_STATE } from './keyword-thread-protocol.js'
import { TermStatistics } from './term-statistics.js'

const { port, path, signal } = workerData as KeywordThreadData
const slots = new Int32Array(signal)

function setState(state: number): void {
  Atomics.store(slots, 0, state)
  Atomics.notify(slots, 0)
}

function reply(message: KeywordThreadReply): void {
  port.postMessage(message)
  Atomics.add(slots, 1, 1)
  Atomics.notify(slots, 1)
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
      try {
        const ids = keywordSearch(db, terms, request.text, request.k, request.filter)
        reply({ seq: request.seq, ids, rows: [...patternsById(db, ids.slice(0, request.rows)).values()] })
      } catch (error) {
        reply({ seq: request.seq, error: (error as Error).message })
      }
    }
  })
  setState(THREAD_STATE.ready)
} else {
  // The store then searches on its own thread, as it does for small stores; nothing is lost.
  setState(THREAD_STATE.failed)
  port.close()
}
