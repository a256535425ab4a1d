import type { Embedder } from '../embed/embedder.js'
import { resolveSearchOptions, type SearchOptions } from '../search/search-options.js'
import { defaultHnswOptions, type HnswOptions } from './vector-index.js'

/** How to open a pattern store. */
export interface PatternStoreOptions {
  /** The SQLite file; the vector index lives beside it as `<path>.<embedder id>.hnsw`. */
  path: string
  /** Turns pattern code and queries into vectors; its dimension sizes the index. */
  embedder: Embedder
  /** HNSW parameters. @default { m: 32, efConstruction: 400, efSearch: 250 } */
  hnsw?: HnswOptions
  /** Below this many patterns, dense search is an exact scan instead of HNSW. @default 2000 */
  exactBelow?: number
  /**
   * From this many patterns on, a search runs its keyword query on a worker thread (with a
   * read-only connection of its own) while this thread searches the vectors: on large stores the
   * two cost about the same, so the search takes about the time of the slower one. `Infinity`
   * keeps everything on this thread. @default 10000
   */
  keywordThreadFrom?: number
  /**
   * Default options of every search on this store (e.g. from the project config), over the
   * embedder's recommended fusion; a search's own options override them. @default {}
   */
  search?: SearchOptions
  /**
   * Open without writing anything: the store must exist; patterns this embedder has not seen are
   * embedded in memory only, a missing or stale vector index is rebuilt in memory only, and
   * `write`, `recordFeedback` and `recordUsage` throw. Works on a read-only file or directory.
   * @default false
   */
  readonly?: boolean
  /** Progress messages for long work (rebuilds, embedding); silent by default. */
  onProgress?: (message: string) => void
}

/** Options with every default applied. */
export interface ResolvedPatternStoreOptions extends Required<Omit<PatternStoreOptions, 'hnsw'>> {
  hnsw: Required<HnswOptions>
}

/** Applies the defaults and checks the numbers once, naming the bad option. */
export function resolvePatternStoreOptions(options: PatternStoreOptions): ResolvedPatternStoreOptions {
  const hnsw = { ...defaultHnswOptions, ...stripUndefined(options.hnsw ?? {}) }
  for (const [key, value] of Object.entries(hnsw)) {
    if (!Number.isInteger(value) || value <= 0) throw new RangeError(`hnsw.${key} must be a positive integer, got ${value}`)
  }
  if (hnsw.m < 2) throw new RangeError(`hnsw.m must be at least 2, got ${hnsw.m}`)
  const exactBelow = options.exactBelow ?? 2000
  if (!Number.isInteger(exactBelow) || exactBelow < 0) throw new RangeError(`exactBelow must be an integer >= 0, got ${exactBelow}`)
  const keywordThreadFrom = options.keywordThreadFrom ?? 10_000
  if (!(keywordThreadFrom >= 0) || !(Number.isInteger(keywordThreadFrom) || keywordThreadFrom === Number.POSITIVE_INFINITY)) {
    throw new RangeError(`keywordThreadFrom must be an integer >= 0 or Infinity, got ${keywordThreadFrom}`)
  }
  const search = options.search ?? {}
  // Checked now, so a bad default fails when the store opens rather than at the first search.
  resolveSearchOptions(options.embedder.fusion, search)
  return {
    ...options,
    hnsw,
    exactBelow,
    keywordThreadFrom,
    search,
    readonly: options.readonly ?? false,
    onProgress: options.onProgress ?? (() => {}),
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
