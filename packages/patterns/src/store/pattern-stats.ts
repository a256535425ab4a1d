import type Database from 'better-sqlite3'

/** What a pattern store holds. */
export interface PatternStats {
  patterns: number
  byFramework: Record<string, number>
  byCategory: Record<string, number>
  byLanguage: Record<string, number>
  byOrigin: Record<string, number>
  files: number
  accepted: number
  rejected: number
  used: number
  /** Vectors stored per embedder id. */
  vectors: Record<string, number>
}

/** Counts patterns by metadata, feedback and stored vectors. */
export function patternStats(db: Database.Database): PatternStats {
  const groups = (column: string) =>
    Object.fromEntries(
      db
        .prepare<[], { k: string; n: number }>(`SELECT ${column} AS k, count(*) AS n FROM patterns GROUP BY ${column} ORDER BY n DESC, k`)
        .all()
        .map((r) => [r.k, r.n]),
    )
  const totals = db
    .prepare<[], { patterns: number; files: number; accepted: number | null; rejected: number | null; used: number | null }>(
      'SELECT count(*) AS patterns, count(DISTINCT file) AS files, sum(accepted_count) AS accepted, sum(rejected_count) AS rejected, sum(usage_count) AS used FROM patterns',
    )
    .get() as { patterns: number; files: number; accepted: number | null; rejected: number | null; used: number | null }
  return {
    patterns: totals.patterns,
    byFramework: groups('framework'),
    byCategory: groups('category'),
    byLanguage: groups('language'),
    byOrigin: groups('origin'),
    files: totals.files,
    accepted: totals.accepted ?? 0,
    rejected: totals.rejected ?? 0,
    used: totals.used ?? 0,
    vectors: vectorCounts(db),
  }
}

function vectorCounts(db: Database.Database): Record<string, number> {
  return Object.fromEntries(
    db
      .prepare<[], { k: string; n: number }>('SELECT embedder AS k, count(*) AS n FROM pattern_vectors GROUP BY embedder ORDER BY k')
      .all()
      .map((r) => [r.k, r.n]),
  )
}
