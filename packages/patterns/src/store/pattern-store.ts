import { StoreError } from '@aqe/core'
import type Database from 'better-sqlite3'
import { dot, type Embedder } from '../embed/embedder.js'
import type { NewPattern, PatternFilter, StoredPattern } from '../pattern.js'
import { feedbackFactor } from '../search/feedback-factor.js'
import { keywordSearch } from '../search/keyword-search.js'
import { KeywordThread, type KeywordThreadState } from '../search/keyword-thread.js'
import { fuseRanks } from '../search/reciprocal-rank-fusion.js'
import { type ResolvedSearchOptions, resolveSearchOptions, type SearchOptions } from '../search/search-options.js'
import { TermStatistics } from '../search/term-statistics.js'
import { cachedStatement } from './cached-statement.js'
import { exactNeighbours, type ScoredId } from './exact-search.js'
import { FeedbackCounts } from './feedback-counts.js'
import { openPatternDatabase, SCHEMA_VERSION } from './pattern-database.js'
import { blobToVector, filterSql, hasFilter, PATTERN_COLUMNS, patternsById, vectorToBlob } from './pattern-rows.js'
import { type PatternStats, patternStats } from './pattern-stats.js'
import { type PatternStoreOptions, type ResolvedPatternStoreOptions, resolvePatternStoreOptions } from './pattern-store-options.js'
import { type IndexState, type LabelledVector, VectorIndex } from './vector-index.js'
import { embeddingText, type WriteSummary, writePatterns } from './write-patterns.js'

/** Rows the keyword thread is reading: those of `ids`, when `rows` gives them. */
interface ThreadRows {
  ids: ReadonlySet<number>
  rows: () => StoredPattern[] | undefined
}

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
  private vectorById: Map<number, Float32Array> | undefined
  private readonly terms: TermStatistics
  private readonly feedback: FeedbackCounts
  private readonly defaults: ResolvedSearchOptions
  private count: number | undefined
  /** Started by the first search on a store of at least `keywordThreadFrom` patterns; null when it could not start. */
  private keywordThread: KeywordThread | null | undefined

  private constructor(
    readonly db: Database.Database,
    private readonly options: ResolvedPatternStoreOptions,
    /** Vectors of patterns this embedder had not seen, kept in memory because the store is read-only. */
    private readonly unsaved: ReadonlyMap<number, Float32Array>,
  ) {
    this.terms = new TermStatistics(db)
    this.feedback = new FeedbackCounts(db, (db.pragma('user_version', { simple: true }) as number) >= SCHEMA_VERSION)
    this.defaults = resolveSearchOptions(options.embedder.fusion, options.search)
    this.index = this.openIndex()
  }

  /** Opens or creates the store, embedding patterns this embedder has not seen and loading or rebuilding the index. */
  static async open(options: PatternStoreOptions): Promise<PatternStore> {
    const resolved = resolvePatternStoreOptions(options)
    const db = openPatternDatabase(resolved.path, resolved.readonly)
    try {
      const unsaved = await embedMissing(db, resolved.embedder, resolved.readonly, resolved.onProgress)
      return new PatternStore(db, resolved, unsaved)
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

  /** True when the store was opened read-only. */
  get readonly(): boolean {
    return this.options.readonly
  }

  /** The options a search without options uses: defaults, then the embedder's fusion, then the store's `search` option. */
  get searchDefaults(): ResolvedSearchOptions {
    return this.defaults
  }

  /** Number of stored patterns. */
  get size(): number {
    this.count ??= (this.db.prepare('SELECT count(*) AS n FROM patterns').get() as { n: number }).n
    return this.count
  }

  /** Adds or updates patterns by file and name; `replaceFiles` also deletes other patterns of those files. */
  async write(patterns: readonly NewPattern[], replaceFiles: readonly string[] = []): Promise<WriteSummary> {
    this.assertWritable('write patterns')
    const summary = await writePatterns(this.db, this.options.embedder, patterns, replaceFiles, this.options.onProgress)
    this.exactVectors = undefined
    this.vectorById = undefined
    this.terms.invalidate()
    this.keywordThread?.invalidate()
    this.feedback.invalidate()
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
    if (this.size < this.options.exactBelow) return this.exactSearch(vector, k, filter)
    const allow = hasFilter(filter) ? this.allowed(filter) : undefined
    return this.index.search(vector, k, allow && ((id) => allow.has(id)))
  }

  /** Exact cosine top-k over every stored vector (the recall oracle). */
  exactSearch(vector: Float32Array, k: number, filter?: PatternFilter): number[] {
    return this.exactNeighbours(vector, k, filter).map((n) => n.id)
  }

  /** Exact cosine top-k with the similarities, best first. */
  exactNeighbours(vector: Float32Array, k: number, filter?: PatternFilter): ScoredId[] {
    this.exactVectors ??= [...this.vectors()]
    const allow = hasFilter(filter) ? this.allowed(filter) : undefined
    return exactNeighbours(vector, this.exactVectors, k, allow && ((id) => allow.has(id)))
  }

  /** Exact cosine similarity of a query vector to each stored pattern vector (NaN for an unknown id), as the oracle computes it. */
  similarities(vector: Float32Array, ids: readonly number[]): number[] {
    this.exactVectors ??= [...this.vectors()]
    this.vectorById ??= new Map(this.exactVectors.map((v) => [v.id, v.vector]))
    const byId = this.vectorById
    return ids.map((id) => {
      const stored = byId.get(id)
      return stored ? dot(vector, stored) : Number.NaN
    })
  }

  /** Keyword ids best first (FTS5 bm25 over pre-split identifiers). */
  keywordSearch(text: string, k: number, filter?: PatternFilter): number[] {
    return keywordSearch(this.db, this.terms, text, k, filter)
  }

  /**
   * Where the keyword thread is (see `keywordThreadFrom`): 'off' until a search on a store that
   * large starts it, and while it starts searches run their keyword query on this thread.
   */
  get keywordThreadState(): KeywordThreadState | 'off' {
    return this.keywordThread?.state ?? 'off'
  }

  /** Hybrid search: dense and keyword rankings fused by RRF, then weighted by user feedback. */
  async search(text: string, options?: SearchOptions): Promise<PatternMatch[]> {
    const o = options ? resolveSearchOptions(this.defaults, options) : this.defaults
    // A retriever with weight 0 cannot change the order: skip its work. The keyword thread, when
    // there is one, runs its query while this thread searches the vectors, then reads the rows of
    // its top results (a keyword-led fusion mostly returns them) while this thread fuses and reads
    // the others.
    const pending = o.keywordWeight > 0 ? this.parallelKeyword()?.request(text, o.window, o.filter, o.top) : undefined
    const dense = o.denseWeight > 0 ? this.denseSearch(await this.embedQuery(text), o.window, o.filter) : []
    const threadIds = pending?.ids()
    const keyword = o.keywordWeight > 0 ? (threadIds ?? this.keywordSearch(text, o.window, o.filter)) : []
    const fused = fuseRanks(
      [
        { ids: dense, weight: o.denseWeight },
        { ids: keyword, weight: o.keywordWeight },
      ],
      o.rrfK,
    )
    const feedback = this.feedback.of(fused.map((f) => f.id))
    const ranked =
      feedback.size === 0
        ? fused.slice(0, o.top).map((f) => ({ ...f, final: f.score }))
        : fused
            .map((f, order) => {
              const counts = feedback.get(f.id) ?? { accepted: 0, rejected: 0 }
              return { ...f, order, final: f.score * feedbackFactor(counts.accepted, counts.rejected, o.feedbackWeight) }
            })
            // Equal final scores keep the fusion's order (score, then best rank, then id).
            .sort((a, b) => b.final - a.final || a.order - b.order)
            .slice(0, o.top)
    const patterns = this.rowsOf(
      ranked.map((r) => r.id),
      pending && threadIds ? { ids: new Set(threadIds.slice(0, o.top)), rows: pending.rows } : undefined,
    )
    return ranked.flatMap((r) => {
      const pattern = patterns.get(r.id)
      return pattern ? [{ pattern, score: r.final, fused: r.score, denseRank: r.ranks[0] ?? null, keywordRank: r.ranks[1] ?? null }] : []
    })
  }

  /** Records that a generated test modelled on a pattern was accepted or rejected; returns false when the id is unknown. */
  recordFeedback(id: number, accepted: boolean): boolean {
    this.assertWritable('record feedback')
    const column = accepted ? 'accepted_count' : 'rejected_count'
    const changed = this.db.prepare(`UPDATE patterns SET ${column} = ${column} + 1 WHERE id = ?`).run(id).changes === 1
    this.feedback.invalidate()
    return changed
  }

  /** Records that patterns were handed out as examples. */
  recordUsage(ids: readonly number[]): void {
    this.assertWritable('record usage')
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
    return cachedStatement<StoredPattern>(this.db, `SELECT ${PATTERN_COLUMNS} FROM patterns p WHERE p.id = ?`).get(id)
  }

  /** Closes the database (and the keyword thread's); the index was saved on every write. */
  close(): void {
    this.keywordThread?.close()
    this.db.close()
  }

  /**
   * The rows of the final top (with their code; not read for every candidate). Those the keyword
   * thread is reading are taken from it, after this thread has read the others.
   */
  private rowsOf(ids: readonly number[], thread?: ThreadRows): Map<number, StoredPattern> {
    const patterns = patternsById(this.db, thread ? ids.filter((id) => !thread.ids.has(id)) : ids)
    if (thread && patterns.size < ids.length) {
      for (const row of thread.rows() ?? []) patterns.set(row.id, row)
      // Read here what the thread could not give.
      const missing = ids.filter((id) => !patterns.has(id))
      for (const [id, row] of patternsById(this.db, missing)) patterns.set(id, row)
    }
    return patterns
  }

  private parallelKeyword(): KeywordThread | undefined {
    if (this.keywordThread === undefined && this.size >= this.options.keywordThreadFrom) {
      this.keywordThread = KeywordThread.start(this.options.path) ?? null
    }
    return this.keywordThread ?? undefined
  }

  private async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.options.embedder.embed([text])
    return vector as Float32Array
  }

  private assertWritable(action: string): void {
    if (this.options.readonly) {
      throw new StoreError('AQE_STORE_UNWRITABLE', `Cannot ${action}: the pattern store ${this.options.path} was opened read-only.`)
    }
  }

  private openIndex(): VectorIndex {
    const stored = this.db
      .prepare<[string], { id: number }>('SELECT pattern_id AS id FROM pattern_vectors WHERE embedder = ? ORDER BY pattern_id')
      .all(this.options.embedder.id)
      .map((r) => r.id)
    const ids = this.unsaved.size === 0 ? stored : [...stored, ...this.unsaved.keys()].sort((a, b) => a - b)
    const index = VectorIndex.open(this.indexPath, {
      dimensions: this.options.embedder.dimensions,
      expectedIds: ids,
      vectors: () => this.vectors(),
      options: this.options.hnsw,
      rebuildOnParams: !this.options.readonly,
    })
    if (!index.state.startsWith('rebuilt')) return index
    const why =
      index.state === 'rebuilt-params'
        ? `built with other HNSW parameters than M ${this.options.hnsw.m}, efConstruction ${this.options.hnsw.efConstruction}`
        : index.state.slice(8)
    if (this.options.readonly) {
      this.options.onProgress(
        `vector index ${this.indexPath}: ${why}, rebuilt from ${ids.length} stored vectors in memory only (the store is open read-only; the next aqe patterns index saves it)`,
      )
      return index
    }
    this.options.onProgress(`vector index ${this.indexPath}: ${why}, rebuilt from ${ids.length} stored vectors`)
    try {
      index.save(this.indexPath)
    } catch (error) {
      this.options.onProgress(`could not save the rebuilt index (${(error as Error).message}); it will be rebuilt again next time`)
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
    for (const [id, vector] of this.unsaved) yield { id, vector }
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

/**
 * Embeds the patterns that have no vector of this embedder yet. A writable store saves them; a
 * read-only one returns them, to be kept in memory for this session.
 */
async function embedMissing(
  db: Database.Database,
  embedder: Embedder,
  readonly: boolean,
  onProgress: (message: string) => void,
): Promise<Map<number, Float32Array>> {
  const missing = db
    .prepare<[string], StoredPattern>(
      `SELECT ${PATTERN_COLUMNS} FROM patterns p WHERE NOT EXISTS (SELECT 1 FROM pattern_vectors v WHERE v.embedder = ? AND v.pattern_id = p.id) ORDER BY p.id`,
    )
    .all(embedder.id)
  const unsaved = new Map<number, Float32Array>()
  if (missing.length === 0) return unsaved
  onProgress(
    readonly
      ? `embedding ${missing.length} patterns with ${embedder.id} in memory only (the store is open read-only; aqe patterns index --embedder with this embedder saves them)`
      : `embedding ${missing.length} patterns with ${embedder.id}`,
  )
  const vectors = await embedder.embed(missing.map((row) => embeddingText(row)))
  if (readonly) {
    for (const [i, row] of missing.entries()) unsaved.set(row.id, vectors[i] as Float32Array)
    return unsaved
  }
  const insert = db.prepare('INSERT OR REPLACE INTO pattern_vectors (pattern_id, embedder, vector) VALUES (?, ?, ?)')
  db.transaction(() => {
    for (const [i, row] of missing.entries()) insert.run(row.id, embedder.id, vectorToBlob(vectors[i] as Float32Array))
  })()
  return unsaved
}
