import type Database from 'better-sqlite3'
import type { PatternFilter, StoredPattern } from '../pattern.js'

/** A `patterns` row as SQLite returns it. */
export interface PatternRow {
  id: number
  name: string
  file: string
  code: string
  subject: string
  framework: StoredPattern['framework']
  language: StoredPattern['language']
  category: StoredPattern['category']
  origin: StoredPattern['origin']
  usage_count: number
  accepted_count: number
  rejected_count: number
}

/** Maps a row to the public shape. */
export function toPattern(row: PatternRow): StoredPattern {
  const { usage_count, accepted_count, rejected_count, ...rest } = row
  return { ...rest, usageCount: usage_count, acceptedCount: accepted_count, rejectedCount: rejected_count }
}

/** A SQL condition over `patterns` (aliased `p`) and its parameters; `1` when the filter is empty. */
export function filterSql(filter: PatternFilter = {}): { where: string; params: string[] } {
  const parts: string[] = []
  const params: string[] = []
  for (const column of ['framework', 'category', 'language'] as const) {
    const value = filter[column]
    if (value === undefined) continue
    parts.push(`p.${column} = ?`)
    params.push(value)
  }
  return { where: parts.length > 0 ? parts.join(' AND ') : '1', params }
}

/** True when the filter restricts anything. */
export function hasFilter(filter: PatternFilter = {}): boolean {
  return filter.framework !== undefined || filter.category !== undefined || filter.language !== undefined
}

/** Reads patterns by id (one query, ids passed as a JSON array). */
export function patternsById(db: Database.Database, ids: readonly number[]): Map<number, StoredPattern> {
  const rows = db
    .prepare<[string], PatternRow>('SELECT * FROM patterns WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids))
  return new Map(rows.map((row) => [row.id, toPattern(row)]))
}

/** Acceptance and rejection counts by id, for the feedback factor. */
export function feedbackCounts(db: Database.Database, ids: readonly number[]): Map<number, { accepted: number; rejected: number }> {
  const rows = db
    .prepare<[string], { id: number; accepted: number; rejected: number }>(
      'SELECT id, accepted_count AS accepted, rejected_count AS rejected FROM patterns WHERE id IN (SELECT value FROM json_each(?)) AND (accepted_count > 0 OR rejected_count > 0)',
    )
    .all(JSON.stringify(ids))
  return new Map(rows.map((r) => [r.id, { accepted: r.accepted, rejected: r.rejected }]))
}

/** Encodes a vector for the `pattern_vectors.vector` BLOB. */
export function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength)
}

/** Decodes a `pattern_vectors.vector` BLOB (copied, so the result is aligned and owned). */
export function blobToVector(blob: Buffer): Float32Array {
  const copy = new Uint8Array(blob.byteLength)
  copy.set(blob)
  return new Float32Array(copy.buffer)
}
