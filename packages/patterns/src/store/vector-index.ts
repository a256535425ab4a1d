import { existsSync, renameSync, rmSync } from 'node:fs'
import hnswlib from 'hnswlib-node'

/** HNSW parameters; see hnswlib's ALGO_PARAMS.md. */
export interface HnswOptions {
  /** Links per node. @default 16 */
  m?: number
  /** Candidate list size while building. @default 200 */
  efConstruction?: number
  /** Candidate list size while searching (raised to k when smaller). @default 100 */
  efSearch?: number
}

/** How the index came to be in memory. */
export type IndexState = 'loaded' | 'created' | 'rebuilt-missing' | 'rebuilt-stale' | 'rebuilt-corrupt'

/** A vector and the pattern id it belongs to. */
export interface LabelledVector {
  id: number
  vector: Float32Array
}

/** The hnswlib graph over one embedder's vectors, persisted as one file beside the store. */
export class VectorIndex {
  private constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    private readonly options: Required<HnswOptions>,
    readonly state: IndexState,
  ) {}

  /**
   * Loads the index file when it holds exactly `expectedIds`; otherwise rebuilds it from `vectors`
   * (read lazily from SQLite) and says why in `state`.
   */
  static open(
    file: string,
    dimensions: number,
    expectedIds: readonly number[],
    vectors: () => Iterable<LabelledVector>,
    options: Required<HnswOptions>,
  ): VectorIndex {
    let state: IndexState = expectedIds.length === 0 ? 'created' : 'rebuilt-missing'
    if (existsSync(file)) {
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
    for (const { id, vector } of vectors()) fresh.add(id, vector)
    return fresh.tuned()
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
    this.index.setEf(Math.max(this.options.efSearch, n))
    const result = this.index.searchKnn(Array.from(vector), n, allow)
    return result.neighbors
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
    return this
  }
}

function sameIds(actual: readonly number[], expected: readonly number[]): boolean {
  if (actual.length !== expected.length) return false
  const sorted = [...actual].sort((a, b) => a - b)
  return sorted.every((id, i) => id === expected[i])
}
