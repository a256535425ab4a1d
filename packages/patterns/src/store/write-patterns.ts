import type Database from 'better-sqlite3'
import type { Embedder } from '../embed/embedder.js'
import { type NewPattern, patternKey } from '../pattern.js'
import { keywordText } from '../search/split-identifiers.js'
import { vectorToBlob } from './pattern-rows.js'

/** What a write changed. */
export interface WriteSummary {
  added: number
  updated: number
  unchanged: number
  removed: number
  /** Ids whose vectors were (re)computed, for the vector index. */
  embeddedIds: number[]
}

const BATCH = 256
/** The code under test helps retrieval, but a whole module would drown the test itself. */
const SUBJECT_CHARS = 1_000

/** The text an embedder sees for a pattern: its name, its code, then the head of the code under test. */
export function embeddingText(p: Pick<NewPattern, 'name' | 'code' | 'subject'>): string {
  return `${p.name}\n${p.code}\n${p.subject.slice(0, SUBJECT_CHARS)}`
}

/** Upserts patterns by key, keeps the FTS rows in step, embeds new or changed code, and deletes stale patterns of replaced files. */
export async function writePatterns(
  db: Database.Database,
  embedder: Embedder,
  patterns: readonly NewPattern[],
  replaceFiles: readonly string[],
  onProgress: (message: string) => void,
): Promise<WriteSummary> {
  const summary: WriteSummary = { added: 0, updated: 0, unchanged: 0, removed: 0, embeddedIds: [] }
  const find = db.prepare<[string], { id: number; name: string; code: string; subject: string }>(
    'SELECT id, name, code, subject FROM patterns WHERE key = ?',
  )
  const upsert = db.prepare(`INSERT INTO patterns (key, name, file, code, subject, framework, language, category, origin, updated_at)
    VALUES (@key, @name, @file, @code, @subject, @framework, @language, @category, @origin, @now)
    ON CONFLICT (key) DO UPDATE SET name = @name, code = @code, subject = @subject, framework = @framework,
      language = @language, category = @category, origin = @origin, updated_at = @now RETURNING id`)
  const deleteTerms = db.prepare('DELETE FROM pattern_terms WHERE rowid = ?')
  const insertTerms = db.prepare('INSERT INTO pattern_terms (rowid, name, code, subject) VALUES (?, ?, ?, ?)')
  const insertVector = db.prepare('INSERT OR REPLACE INTO pattern_vectors (pattern_id, embedder, vector) VALUES (?, ?, ?)')
  const deleteVectors = db.prepare('DELETE FROM pattern_vectors WHERE pattern_id = ?')
  const now = new Date().toISOString()
  const keep = new Set(patterns.map(patternKey))
  for (let start = 0; start < patterns.length; start += BATCH) {
    const batch = patterns.slice(start, start + BATCH)
    const changed: { id: number; pattern: NewPattern; existed: boolean }[] = []
    db.transaction(() => {
      for (const pattern of batch) {
        const key = patternKey(pattern)
        const old = find.get(key)
        const same = old && old.name === pattern.name && old.code === pattern.code && old.subject === pattern.subject
        const { id } = upsert.get({ ...pattern, key, now }) as { id: number }
        if (same) {
          summary.unchanged++
          continue
        }
        if (old) summary.updated++
        else summary.added++
        deleteTerms.run(id)
        insertTerms.run(id, keywordText(pattern.name), keywordText(pattern.code), keywordText(pattern.subject))
        changed.push({ id, pattern, existed: old !== undefined })
      }
    })()
    if (changed.length === 0) continue
    const vectors = await embedder.embed(changed.map((c) => embeddingText(c.pattern)))
    db.transaction(() => {
      for (const [i, c] of changed.entries()) {
        // Vectors of other embedders describe the old code: drop them, open() re-embeds lazily.
        if (c.existed) deleteVectors.run(c.id)
        insertVector.run(c.id, embedder.id, vectorToBlob(vectors[i] as Float32Array))
        summary.embeddedIds.push(c.id)
      }
    })()
    if (patterns.length > BATCH) onProgress(`embedded ${Math.min(start + BATCH, patterns.length)}/${patterns.length} patterns`)
  }
  summary.removed = removeStale(db, replaceFiles, keep)
  // Merging FTS5's b-tree segments after a batch makes every later query read one segment per term.
  if (summary.added + summary.updated + summary.removed > 0) db.exec("INSERT INTO pattern_terms (pattern_terms) VALUES ('optimize')")
  return summary
}

function removeStale(db: Database.Database, files: readonly string[], keep: ReadonlySet<string>): number {
  if (files.length === 0) return 0
  const select = db.prepare<[string], { id: number; key: string }>('SELECT id, key FROM patterns WHERE file = ?')
  const stale = files.flatMap((file) => select.all(file)).filter((row) => !keep.has(row.key))
  db.transaction(() => {
    for (const row of stale) {
      db.prepare('DELETE FROM pattern_terms WHERE rowid = ?').run(row.id)
      db.prepare('DELETE FROM patterns WHERE id = ?').run(row.id)
    }
  })()
  return stale.length
}
