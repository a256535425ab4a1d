import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { StoreError } from '../errors.js'
import { migrations } from './migrations.js'

/** How to open the history store. */
export interface OpenStoreOptions {
  /** Open for reading only; the file must exist. @default false */
  readonly?: boolean
  /** How long a writer waits for another writer's lock, in ms. @default 10000 */
  busyTimeoutMs?: number
}

/** Opens (creating and migrating when writable) a store, turning SQLite failures into StoreErrors. */
export function openDatabase(path: string, options: OpenStoreOptions = {}): Database.Database {
  const readonly = options.readonly ?? false
  if (readonly && !existsSync(path)) {
    throw new StoreError(
      'AQE_STORE_MISSING',
      `No history store at ${path}. Run your tests with the aqe reporter first, or point --db / AQE_HISTORY_DB at an existing store.`,
    )
  }
  let db: Database.Database | undefined
  try {
    if (!readonly) mkdirSync(dirname(path), { recursive: true })
    db = new Database(path, { readonly, fileMustExist: readonly })
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`)
    if (!readonly) {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
    }
    db.pragma('foreign_keys = ON')
    migrate(db, path, readonly)
    return db
  } catch (error) {
    db?.close()
    throw toStoreError(error, path)
  }
}

function migrate(db: Database.Database, path: string, readonly: boolean): void {
  const applied = (): Set<string> => {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'aqe_migrations'").get()
    if (!table) return new Set()
    return new Set(
      db
        .prepare<[], { name: string }>('SELECT name FROM aqe_migrations')
        .all()
        .map((r) => r.name),
    )
  }
  const done = applied()
  const known = new Set(migrations.map((m) => m.name))
  const unknown = [...done].filter((name) => !known.has(name))
  if (unknown.length > 0) {
    throw new StoreError(
      'AQE_STORE_NEWER',
      `The history store ${path} was written by a newer aqe (schema changes ${unknown.join(', ')} are unknown here). Upgrade aqe.`,
    )
  }
  const pending = migrations.filter((m) => !done.has(m.name))
  if (pending.length === 0) return
  if (readonly) {
    throw new StoreError(
      'AQE_STORE_UNWRITABLE',
      `The history store ${path} needs schema changes (${pending.map((m) => m.name).join(', ')}) but is open read-only. Run a command that writes to it (a test run with the aqe reporter, or aqe history merge) with write access.`,
    )
  }
  // IMMEDIATE takes the write lock first, so two processes opening a new store migrate once.
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS aqe_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)')
    const now = applied()
    for (const m of migrations) {
      if (now.has(m.name)) continue
      db.exec(m.sql)
      db.prepare('INSERT INTO aqe_migrations (name, applied_at) VALUES (?, ?)').run(m.name, new Date().toISOString())
    }
  }).immediate()
}

/** Maps a SQLite or file-system failure to a StoreError whose message names the problem and the fix. */
export function toStoreError(error: unknown, path: string): StoreError {
  if (error instanceof StoreError) return error
  const code = (error as { code?: string }).code ?? ''
  const detail = (error as Error).message
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError(
      'AQE_STORE_CORRUPT',
      `The history store ${path} is not a valid SQLite database (${detail}). It was left untouched: move it aside or delete it, and aqe starts a new one.`,
      { cause: error },
    )
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(
      'AQE_STORE_LOCKED',
      `The history store ${path} stayed locked by another process (${detail}). Wait for it to finish, or give this run its own store with AQE_HISTORY_DB and merge later with aqe history merge.`,
      { cause: error },
    )
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST'].includes(code)
  ) {
    return new StoreError(
      'AQE_STORE_UNWRITABLE',
      `The history store ${path} cannot be written (${detail}). Make the file and its directory writable, or choose another path with AQE_HISTORY_DB.`,
      { cause: error },
    )
  }
  return new StoreError('AQE_STORE_UNWRITABLE', `The history store ${path} failed: ${detail}`, { cause: error })
}
