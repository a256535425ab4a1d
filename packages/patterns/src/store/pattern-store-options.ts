import type { Embedder } from '../embed/embedder.js'
import type { HnswOptions } from './vector-index.js'

/** How to open a pattern store. */
export interface PatternStoreOptions {
  /** The SQLite file; the vector index lives beside it as `<path>.<embedder id>.hnsw`. */
  path: string
  /** Turns pattern code and queries into vectors; its dimension sizes the index. */
  embedder: Embedder
  /** HNSW parameters. @default { m: 16, efConstruction: 200, efSearch: 100 } */
  hnsw?: HnswOptions
  /** Below this many patterns, dense search is an exact scan instead of HNSW. @default 2000 */
  exactBelow?: number
  /** Progress messages for long work (rebuilds, embedding); silent by default. */
  onProgress?: (message: string) => void
}

/** Options with every default applied. */
export interface ResolvedPatternStoreOptions extends Required<Omit<PatternStoreOptions, 'hnsw'>> {
  hnsw: Required<HnswOptions>
}

/** Applies the defaults and checks the numbers once. */
export function resolvePatternStoreOptions(options: PatternStoreOptions): ResolvedPatternStoreOptions {
  const hnsw = { m: 16, efConstruction: 200, efSearch: 100, ...options.hnsw }
  for (const [key, value] of Object.entries(hnsw)) {
    if (!Number.isInteger(value) || value <= 0) throw new RangeError(`hnsw.${key} must be a positive integer, got ${value}`)
  }
  const exactBelow = options.exactBelow ?? 2000
  if (!Number.isInteger(exactBelow) || exactBelow < 0) throw new RangeError(`exactBelow must be an integer >= 0, got ${exactBelow}`)
  return { ...options, hnsw, exactBelow, onProgress: options.onProgress ?? (() => {}) }
}
