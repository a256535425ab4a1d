/** The embedders `aqe patterns` can use. */
export type PatternsEmbedderKind = 'hashed' | 'sentence' | 'gguf'

/**
 * Settings of the test-pattern store (`aqe patterns`, package `@aqe/patterns`). Every field is
 * optional; command-line options (`--embedder`, `--model`, `--threads`) override the config.
 */
export interface PatternsConfig {
  /**
   * `hashed`: code-aware hashed features, no model. `sentence`: the Universal Sentence Encoder lite
   * shipped in npm. `gguf`: a local GGUF embedding model (set `model`).
   * @default 'hashed'
   */
  embedder?: PatternsEmbedderKind
  /** The GGUF model file for `embedder: 'gguf'`, relative to the project root. */
  model?: string
  /** CPU threads of the `gguf` embedder; more than the machine's cores slows llama.cpp down badly. @default 1 */
  threads?: number
  /** Below this many patterns, dense search is an exact scan instead of the HNSW index. @default 2000 */
  exactBelow?: number
  /**
   * From this many patterns on, a search runs its keyword query on a worker thread while the
   * vector search runs; `false` keeps both on one thread. @default 10000
   */
  keywordThreadFrom?: number | false
  /** Parameters of the HNSW vector index (hnswlib's ALGO_PARAMS.md explains them). */
  hnsw?: PatternsHnswConfig
  /** How the dense and keyword rankings are fused (reciprocal rank fusion). */
  fusion?: PatternsFusionConfig
}

/** HNSW parameters; a store whose index was built with another `m` or `efConstruction` is rebuilt by the next `aqe patterns index`. */
export interface PatternsHnswConfig {
  /** Links per node: more gives higher recall on clustered data, a bigger index and slower builds. @default 32 */
  m?: number
  /** Candidate list size while building. @default 400 */
  efConstruction?: number
  /** Candidate list size while searching; raised to the fusion window when smaller. @default 250 */
  efSearch?: number
}

/**
 * Fusion of the two rankings: `score = denseWeight / (rrfK + denseRank) + keywordWeight / (rrfK + keywordRank)`.
 * The weights' defaults depend on the embedder; docs/patterns.md lists them and how they were tuned.
 */
export interface PatternsFusionConfig {
  /** Results each retriever contributes to the fusion. @default 50 */
  window?: number
  /** The RRF constant k. @default 60 */
  rrfK?: number
  /** Weight of the dense (vector) ranking. @default per embedder */
  denseWeight?: number
  /** Weight of the keyword (FTS5 bm25) ranking. @default per embedder */
  keywordWeight?: number
  /** Exponent of the user-feedback factor; 0 ignores feedback. @default 1 */
  feedbackWeight?: number
}
