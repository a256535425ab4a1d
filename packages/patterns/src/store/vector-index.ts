import { existsSync, renameSync, rmSync } from 'node:fs'
import hnswlib from 'hnswlib-node'
import { readHnswHeader } from './hnsw-header.js'

/** HNSW parameters; see hnswlib's ALGO_PARAMS.md and docs/benchmarks.md for how the defaults were chosen. */
export interface HnswOptions {
  /** Links per node. @default 32 */
  m?: number
  /** Candidate list size while building. @default 400 */
  efConstruction?: number
  /** Candidate list size while searching (raised to k when smaller). @default 250 */
  efSearch?: number
}

/** The HNSW defaults. */
export const defaultHnswOptions: Required<HnswOptions> = { m: 32, efConstruction: 400, efSearch: 250 }

/**
 * How the index came to be in memory: loaded from its file, created empty, or rebuilt from the
 * stored vectors because the file was missing, held other patterns (stale), could not be read
 * (corrupt) or was built with other M or efConstruction (params).
 */
export type IndexState = 'loaded' | 'created' | 'rebuilt-missing' | 'rebuilt-stale' | 'rebuilt-corrupt' | 'rebuilt-params'

/** A vector and the pattern id it belongs to. */
export interface LabelledVector {
  id: number
  vector: Float32Array
}

/** What VectorIndex.open needs besides the file. */
export interface VectorIndexSource {
  dimensions: number
  /** Ids the index must hold, ascending. */
  expectedIds: readonly number[]
  /** The vectors to rebuild from, read lazily (only when the file cannot be used). */
  vectors: () => Iterable<LabelledVector>
  options: Required<HnswOptions>
  /**
   * Whether a file built with other M or efConstruction is rebuilt. A read-only store keeps using
   * it: the parameters change its quality, not its answers' validity, and nothing could be saved.
   */
  rebuildOnParams: boolean
}

/** The hnswlib graph over one embedder's vectors, persisted as one file beside the store. */
export class VectorIndex {
  /** The ef last handed to hnswlib. */
  private ef = 0

  private constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    private readonly options: Required<HnswOptions>,
    readonly state: IndexState,
  ) {}

  /**
   * Loads the index file when it holds exactly the expected ids (and, when asked, was built with
   * the configured parameters); otherwise rebuilds it from the stored vectors and says why in `state`.
   */
  static open(file: string, source: VectorIndexSource): VectorIndex {
    const { dimensions, expectedIds, options } = source
    let state: IndexState = expectedIds.length === 0 ? 'created' : 'rebuilt-missing'
    if (existsSync(file)) state = VectorIndex.fileState(file, source)
    if (state === 'loaded') {
      const index = new hnswlib.HierarchicalNSW('cosine', dimensions)
      try {
        index.readIndexSync(file, false)
        if (sameIds(index.getIdsList(), expectedIds)) return new VectorIndex(index, options, 'loaded').tuned()
        state = 'rebuilt-stale'
      } catch {
        state = 'rebuilt-corrupt'
      }
    }
    const fresh = new VectorIndex(VectorIndex.empty(dimensions, expectedIds.length, options), options, state)
    for (const { id, vector } of source.vectors()) fresh.add(id, vector)
    return fresh.tuned()
  }

  private static fileState(file: string, source: VectorIndexSource): IndexState {
    const header = readHnswHeader(file)
    if (!header) return 'rebuilt-corrupt'
    // The header's count is checked before loading: a stale file is rebuilt without reading it whole.
    if (header.elements !== source.expectedIds.length) return 'rebuilt-stale'
    const { m, efConstruction } = source.options
    // hnswlib stores max(efConstruction, M).
    const changed = header.m !== m || header.efConstruction !== Math.max(efConstruction, m)
    return changed && source.rebuildOnParams ? 'rebuilt-params' : 'loaded'
  }

  private static empty(dimensions: number, capacity: number, options: Required<HnswOptions>): hnswlib.HierarchicalNSW {
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions)
    index.initIndex({ maxElements: Math.max(capacity, 64), m: options.m, efConstruction: options.efConstruction, randomSeed: 100 })
    return index
  }

  /** Number of vectors held. */
  get size(): number {
    return this.index.getCurrentCount()
  }

  /** Adds or replaces the vector of a pattern, growing the index when full. */
  add(id: number, vector: Float32Array): void {
    const count = this.index.getCurrentCount()
    if (count >= this.index.getMaxElements()) this.index.resizeIndex(Math.max(64, count * 2))
    this.index.addPoint(Array.from(vector), id)
  }

  /** The ids of the `k` nearest vectors by cosine, best first, among those `allow` accepts. */
  search(vector: Float32Array, k: number, allow?: (id: number) => boolean): number[] {
    const n = Math.min(k, this.size)
    if (n === 0) return []
    const ef = Math.max(this.options.efSearch, n)
    // setEf crosses into native code; most searches use the same ef.
    if (ef !== this.ef) {
      this.index.setEf(ef)
      this.ef = ef
    }
    return this.index.searchKnn(Array.from(vector), n, allow).neighbors
  }

  /** Writes the index atomically: a temporary file beside it, then a rename over the old one. */
  save(file: string): void {
    const temp = `${file}.${process.pid}.tmp`
    try {
      this.index.writeIndexSync(temp)
      renameSync(temp, file)
    } finally {
      rmSync(temp, { force: true })
    }
  }

  private tuned(): this {
    this.index.setEf(this.options.efSearch)
    this.ef = this.options.efSearch
    return this
  }
}

function sameIds(actual: readonly number[], expected: readonly number[]): boolean {
  if (actual.length !== expected.length) return false
  const sorted = [...actual].sort((a, b) => a - b)
  return sorted.every((id, i) => id === expected[i])
}
