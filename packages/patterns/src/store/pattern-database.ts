import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { StoreError } from '@aqe/core'
import Database from 'better-sqlite3'

const SCHEMA_VERSION = 1

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

/** Opens (creating when writable) the pattern store's SQLite file, mapping failures to StoreErrors. */
export function openPatternDatabase(path: string, readonly: boolean): Database.Database {
  if (readonly && !existsSync(path)) {
    throw new StoreError(
      'AQE_STORE_MISSING',
      `No pattern store at ${path}. Index your tests first: aqe patterns index "test/**/*.test.ts".`,
    )
  }
  let db: Database.Database | undefined
  try {
    if (!readonly) mkdirSync(dirname(path), { recursive: true })
    db = new Database(path, { readonly, fileMustExist: readonly })
    db.pragma('busy_timeout = 10000')
    if (!readonly) db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      throw new StoreError('AQE_STORE_NEWER', `The pattern store ${path} was written by a newer aqe (schema ${version}). Upgrade aqe.`)
    }
    if (version < SCHEMA_VERSION && !readonly) {
      const target = db
      target.transaction(() => {
        target.exec(SCHEMA)
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
        : `The pattern store ${path} cannot be opened (${(error as Error).message}). Make it and its directory writable, or choose another --db.`,
      { cause: error },
    )
  }
}
