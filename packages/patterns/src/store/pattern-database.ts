import { accessSync, constants, existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { StoreError } from '@aqe/core'
import Database from 'better-sqlite3'

/** Schema 2 added patterns_feedback; a schema 1 store gains it on its next writable open. */
export const SCHEMA_VERSION = 2

// pattern_terms holds pre-split identifier text (keywordText), so unicode61 sees camelCase parts as words.
const SCHEMA = `
CREATE TABLE patterns (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  file TEXT NOT NULL,
  code TEXT NOT NULL,
  subject TEXT NOT NULL,
  framework TEXT NOT NULL,
  language TEXT NOT NULL,
  category TEXT NOT NULL,
  origin TEXT NOT NULL,
  usage_count INTEGER NOT NULL DEFAULT 0,
  accepted_count INTEGER NOT NULL DEFAULT 0,
  rejected_count INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
CREATE INDEX patterns_meta ON patterns (framework, category, language);
CREATE VIRTUAL TABLE pattern_terms USING fts5(name, code, subject);
INSERT INTO pattern_terms (pattern_terms, rank) VALUES ('rank', 'bm25(3.0, 1.0, 0.5)');
CREATE TABLE pattern_vectors (
  pattern_id INTEGER NOT NULL REFERENCES patterns (id) ON DELETE CASCADE,
  embedder TEXT NOT NULL,
  vector BLOB NOT NULL,
  PRIMARY KEY (pattern_id, embedder)
);
CREATE INDEX pattern_vectors_embedder ON pattern_vectors (embedder, pattern_id);
`

// Few patterns get feedback: a partial covering index lets a search read all their counts at once.
const FEEDBACK_INDEX = `
CREATE INDEX IF NOT EXISTS patterns_feedback ON patterns (accepted_count, rejected_count)
  WHERE accepted_count > 0 OR rejected_count > 0;
`

/**
 * Opens the pattern store's SQLite file, mapping failures to StoreErrors. Writable opens create it
 * (and its schema); read-only opens never write, and need a store that `aqe patterns index` made.
 */
export function openPatternDatabase(path: string, readonly: boolean): Database.Database {
  if (readonly && !existsSync(path)) {
    throw new StoreError(
      'AQE_STORE_MISSING',
      `No pattern store at ${path}. Index your tests first: aqe patterns index "test/**/*.test.ts".`,
    )
  }
  let db: Database.Database | undefined
  try {
    if (!readonly) {
      mkdirSync(dirname(path), { recursive: true })
      assertWritable(path)
    }
    // No busy wait yet: leaving WAL must not stall when another connection holds the store.
    db = new Database(path, { readonly, fileMustExist: readonly, timeout: 0 })
    // A rollback journal, not WAL: a WAL database cannot be read from a read-only directory (its
    // readers must create -shm and -wal files there), and the store is written rarely and in batches.
    if (!readonly) leaveWal(db)
    db.pragma('busy_timeout = 10000')
    db.pragma('foreign_keys = ON')
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      throw new StoreError('AQE_STORE_NEWER', `The pattern store ${path} was written by a newer aqe (schema ${version}). Upgrade aqe.`)
    }
    if (version === 0 && readonly) {
      throw new StoreError(
        'AQE_STORE_MISSING',
        `${path} holds no pattern store yet. Index your tests first: aqe patterns index "test/**/*.test.ts".`,
      )
    }
    if (version < SCHEMA_VERSION && !readonly) {
      const target = db
      target.transaction(() => {
        if (version === 0) target.exec(SCHEMA)
        target.exec(FEEDBACK_INDEX)
        target.pragma(`user_version = ${SCHEMA_VERSION}`)
      })()
    }
    return db
  } catch (error) {
    db?.close()
    if (error instanceof StoreError) throw error
    const code = (error as { code?: string }).code ?? ''
    const corrupt = code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')
    throw new StoreError(
      corrupt ? 'AQE_STORE_CORRUPT' : 'AQE_STORE_UNWRITABLE',
      corrupt
        ? `The pattern store ${path} is not a valid SQLite database (${(error as Error).message}). Move it aside or delete it and index your tests again.`
        : readonly
          ? `The pattern store ${path} cannot be read (${(error as Error).message}). Check that the file and its directory are readable.`
          : `The pattern store ${path} cannot be opened (${(error as Error).message}). Make it and its directory writable, or choose another --db.`,
      { cause: error },
    )
  }
}

function leaveWal(db: Database.Database): void {
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') return
  try {
    db.pragma('journal_mode = DELETE')
  } catch (error) {
    // Another connection holds the store open: the next writable open converts it.
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error
  }
}

// SQLite silently opens a file it cannot write read-only; a rollback journal also needs the
// directory. Checking first turns a later "attempt to write a readonly database" into a clear message.
function assertWritable(path: string): void {
  for (const target of existsSync(path) ? [path, dirname(path)] : [dirname(path)]) {
    try {
      accessSync(target, constants.W_OK)
    } catch (error) {
      throw new StoreError(
        'AQE_STORE_UNWRITABLE',
        `The pattern store ${path} cannot be written: ${target} is read-only. Make it and its directory writable, or choose another --db.`,
        { cause: error },
      )
    }
  }
}
