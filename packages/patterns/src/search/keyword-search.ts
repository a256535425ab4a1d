import type Database from 'better-sqlite3'
import type { PatternFilter } from '../pattern.js'
import { cachedStatement } from '../store/cached-statement.js'
import { filterSql, hasFilter } from '../store/pattern-rows.js'
import { identifierTerms } from './split-identifiers.js'
import type { TermStatistics } from './term-statistics.js'

const MAX_TERMS = 64

/** The distinct identifiers and sub-tokens of a query, longer than one character. */
export function queryTerms(text: string): string[] {
  return [...new Set(identifierTerms(text).filter((t) => t.length > 1))].slice(0, MAX_TERMS)
}

/** An FTS5 query matching any of the terms, each quoted so no term is read as syntax; '' when there is none. */
export function keywordQuery(terms: readonly string[] | string): string {
  const list = typeof terms === 'string' ? queryTerms(terms) : terms
  return list.map((t) => `"${t.replaceAll('"', '""')}"`).join(' OR ')
}

/** Pattern ids best first by bm25 (name weighted 3, code 1, code under test 0.5) over the rarest useful query terms. */
export function keywordSearch(db: Database.Database, terms: TermStatistics, text: string, k: number, filter?: PatternFilter): number[] {
  const query = keywordQuery(terms.select(queryTerms(text)))
  if (query === '' || k <= 0) return []
  const { where, params } = filterSql(filter)
  // Without a filter the FTS5 table alone answers: joining patterns would cost a lookup per matching row.
  const sql = hasFilter(filter)
    ? `SELECT p.id AS id FROM pattern_terms t JOIN patterns p ON p.id = t.rowid
    WHERE pattern_terms MATCH ? AND ${where} ORDER BY t.rank LIMIT ?`
    : 'SELECT rowid AS id FROM pattern_terms WHERE pattern_terms MATCH ? ORDER BY rank LIMIT ?'
  return cachedStatement<{ id: number }>(db, sql)
    .all(query, ...params, k)
    .map((r) => r.id)
}
