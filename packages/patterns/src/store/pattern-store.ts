import type Database from 'better-sqlite3'
import type { Embedder } from '../embed/embedder.js'
import type { NewPattern, PatternFilter, StoredPattern } from '../pattern.js'
import { feedbackFactor } from '../search/feedback-factor.js'
import { keywordSearch } from '../search/keyword-search.js'
import { fuseRanks } from '../search/reciprocal-rank-fusion.js'
import { resolveSearchOptions, type SearchOptions } from '../search/search-options.js'
import { TermStatistics } from '../search/term-statistics.js'
import { exactTopK } from './exact-search.js'
import { openPatternDatabase } from './pattern-database.js'
import {
  blobToVector,
  feedbackCounts,
  filterSql,
  hasFilter,
  type PatternRow,
  patternsById,
  toPattern,
  vectorToBlob,
} from './pattern-rows.js'
import { type PatternStats, patternStats } from './pattern-stats.js'
import { type PatternStoreOptions, type ResolvedPatternStoreOptions, resolvePatternStoreOptions } from './pattern-store-options.js'
import { type IndexState, type LabelledVector, VectorIndex } from './vector-index.js'
import { embeddingText, type WriteSummary, writePatterns } from './write-patterns.js'

/** One hybrid search hit. */
export interface PatternMatch {
  pattern: StoredPattern
  /** Fused score after the feedback factor; higher is better. */
  score: number
  /** The plain RRF score. */
  fused: number
  /** 1-based rank among the dense results, null when not among them. */
  denseRank: number | null
  /** 1-based rank among the keyword results, null when not among them. */
  keywordRank: number | null
}

/** Test patterns in SQLite with an FTS5 keyword index and an hnswlib vector index beside the file. */
export class PatternStore {
  private index: VectorIndex
  private exactVectors: LabelledVector[] | undefined
  private readonly terms: TermStatistics
  private count: number | undefined

  private constructor(
    readonly db: Database.Database,
    private readonly options: ResolvedPatternStoreOptions,
  ) {
    this.index = this.openIndex()
    this.terms = new TermStatistics(db)
  }

  /** Opens or creates the store, embedding patterns this embedder has not seen and loading or rebuilding the index. */
  static async open(options: PatternStoreOptions): Promise<PatternStore> {
    const resolved = resolvePatternStoreOptions(options)
    const db = openPatternDatabase(resolved.path, false)
    try {
      await embedMissing(db, resolved.embedder, resolved.onProgress)
      return new PatternStore(db, resolved)
    } catch (error) {
      db.close()
      throw error
    }
  }

  /** The vector index file for this store and embedder. */
  get indexPath(): string {
    return `${this.options.path}.${this.options.embedder.id}.hnsw`
  }

  /** How the vector index was obtained when the store opened (or last rebuilt). */
  get indexState(): IndexState {
    return this.index.state
  }

  /** The embedder in use. */
  get embedder(): Embedder {
    return this.options.embedder
  }

  /** Number of stored patterns. */
  get size(): number {
    this.count ??= (this.db.prepare('SELECT count(*) AS n FROM patterns').get() as { n: number }).n
    return this.count
  }

  /** Adds or updates patterns by file and name; `replaceFiles` also deletes other patterns of those files. */
  async write(patterns: readonly NewPattern[], replaceFiles: readonly string[] = []): Promise<WriteSummary> {
    const summary = await writePatterns(this.db, this.options.embedder, patterns, replaceFiles, this.options.onProgress)
    this.exactVectors = undefined
    this.terms.invalidate()
    this.count = undefined
    if (summary.removed > 0) {
      this.index = this.openIndex()
    } else {
      const read = this.db.prepare<[string, number], { vector: Buffer }>(
        'SELECT vector FROM pattern_vectors WHERE embedder = ? AND pattern_id = ?',
      )
      for (const id of summary.embeddedIds) {
        const row = read.get(this.options.embedder.id, id)
        if (row) this.index.add(id, blobToVector(row.vector))
      }
    }
    if (summary.removed > 0 || summary.embeddedIds.length > 0) this.index.save(this.indexPath)
    return summary
  }

  /** Dense ids best first: an exact scan for small stores, else the HNSW index. */
  denseSearch(vector: Float32Array, k: number, filter?: PatternFilter): number[] {
    const allow = hasFilter(filter) ? this.allowed(filter) : undefined
    if (this.size < this.options.exactBelow) return this.exactSearch(vector, k, filter)
    return this.index.search(vector, k, allow && ((id) => allow.has(id)))
  }

  /** Exact cosine top-k over every stored vector (the recall oracle). */
  exactSearch(vector: Float32Array, k: number, filter?: PatternFilter): number[] {
    this.exactVectors ??= [...this.vectors()]
    const allow = hasFilter(filter) ? this.allowed(filter) : undefined
    return exactTopK(vector, this.exactVectors, k, allow && ((id) => allow.has(id)))
  }

  /** Keyword ids best first (FTS5 bm25 over pre-split identifiers). */
  keywordSearch(text: string, k: number, filter?: PatternFilter): number[] {
    return keywordSearch(this.db, this.terms, text, k, filter)
  }

  /** Hybrid search: dense and keyword rankings fused by RRF, then weighted by user feedback. */
  async search(text: string, options: SearchOptions = {}): Promise<PatternMatch[]> {
    const o = resolveSearchOptions(options)
    const [vector] = await this.options.embedder.embed([text])
    const dense = this.denseSearch(vector as Float32Array, o.window, o.filter)
    const keyword = this.keywordSearch(text, o.window, o.filter)
    const fused = fuseRanks(
      [
        { ids: dense, weight: o.denseWeight },
        { ids: keyword, weight: o.keywordWeight },
      ],
      o.rrfK,
    )
    const feedback = feedbackCounts(
      this.db,
      fused.map((f) => f.id),
    )
    const ranked = fused
      .map((f) => {
        const counts = feedback.get(f.id) ?? { accepted: 0, rejected: 0 }
        return { ...f, final: f.score * feedbackFactor(counts.accepted, counts.rejected, o.feedbackWeight) }
      })
      .sort((a, b) => b.final - a.final || b.score - a.score || a.id - b.id)
      .slice(0, o.top)
    const patterns = patternsById(
      this.db,
      ranked.map((r) => r.id),
    )
    return ranked.flatMap((r) => {
      const pattern = patterns.get(r.id)
      return pattern ? [{ pattern, score: r.final, fused: r.score, denseRank: r.ranks[0] ?? null, keywordRank: r.ranks[1] ?? null }] : []
    })
  }

  /** Records that a generated test modelled on a pattern was accepted or rejected; returns false when the id is unknown. */
  recordFeedback(id: number, accepted: boolean): boolean {
    const column = accepted ? 'accepted_count' : 'rejected_count'
    return this.db.prepare(`UPDATE patterns SET ${column} = ${column} + 1 WHERE id = ?`).run(id).changes === 1
  }

  /** Records that patterns were handed out as examples. */
  recordUsage(ids: readonly number[]): void {
    const update = this.db.prepare('UPDATE patterns SET usage_count = usage_count + 1 WHERE id = ?')
    this.db.transaction(() => {
      for (const id of ids) update.run(id)
    })()
  }

  /** Counts by metadata, feedback and stored vectors. */
  stats(): PatternStats {
    return patternStats(this.db)
  }

  /** A pattern by id. */
  get(id: number): StoredPattern | undefined {
    const row = this.db.prepare<[number], PatternRow>('SELECT * FROM patterns WHERE id = ?').get(id)
    return row && toPattern(row)
  }

  /** Closes the database; the index was saved on every write. */
  close(): void {
    this.db.close()
  }

  private openIndex(): VectorIndex {
    const ids = this.db
      .prepare<[string], { id: number }>('SELECT pattern_id AS id FROM pattern_vectors WHERE embedder = ? ORDER BY pattern_id')
      .all(this.options.embedder.id)
      .map((r) => r.id)
    const index = VectorIndex.open(this.indexPath, this.options.embedder.dimensions, ids, () => this.vectors(), this.options.hnsw)
    if (index.state.startsWith('rebuilt')) {
      this.options.onProgress(`vector index ${this.indexPath}: ${index.state.slice(8)}, rebuilt from ${ids.length} stored vectors`)
      try {
        index.save(this.indexPath)
      } catch (error) {
        this.options.onProgress(`could not save the rebuilt index (${(error as Error).message}); it will be rebuilt again next time`)
      }
    }
    return index
  }

  private *vectors(): Generator<LabelledVector> {
    const rows = this.db
      .prepare<[string], { id: number; vector: Buffer }>(
        'SELECT pattern_id AS id, vector FROM pattern_vectors WHERE embedder = ? ORDER BY pattern_id',
      )
      .iterate(this.options.embedder.id)
    for (const row of rows) yield { id: row.id, vector: blobToVector(row.vector) }
  }

  private allowed(filter?: PatternFilter): Set<number> {
    const { where, params } = filterSql(filter)
    return new Set(
      this.db
        .prepare<string[], { id: number }>(`SELECT p.id AS id FROM patterns p WHERE ${where}`)
        .all(...params)
        .map((r) => r.id),
    )
  }
}

async function embedMissing(db: Database.Database, embedder: Embedder, onProgress: (message: string) => void): Promise<void> {
  const missing = db
    .prepare<[string], PatternRow>(
      'SELECT * FROM patterns p WHERE NOT EXISTS (SELECT 1 FROM pattern_vectors v WHERE v.embedder = ? AND v.pattern_id = p.id)',
    )
    .all(embedder.id)
  if (missing.length === 0) return
  onProgress(`embedding ${missing.length} patterns with ${embedder.id}`)
  const vectors = await embedder.embed(missing.map((row) => embeddingText(toPattern(row))))
  const insert = db.prepare('INSERT OR REPLACE INTO pattern_vectors (pattern_id, embedder, vector) VALUES (?, ?, ?)')
  db.transaction(() => {
    for (const [i, row] of missing.entries()) insert.run(row.id, embedder.id, vectorToBlob(vectors[i] as Float32Array))
  })()
}
