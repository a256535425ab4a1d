import { dot } from '../embed/embedder.js'
import type { LabelledVector } from './vector-index.js'

/** A pattern id and its cosine similarity to a query. */
export interface ScoredId {
  id: number
  score: number
}

/**
 * Exact cosine top-k over all vectors, best first (ties keep the earlier vector): the search for
 * small stores and the recall oracle for the HNSW index.
 */
export function exactNeighbours(
  query: Float32Array,
  vectors: readonly LabelledVector[],
  k: number,
  allow?: (id: number) => boolean,
): ScoredId[] {
  const best: ScoredId[] = []
  for (const { id, vector } of vectors) {
    if (allow && !allow(id)) continue
    const score = dot(query, vector)
    if (best.length === k && score <= (best[k - 1] as ScoredId).score) continue
    let at = best.length
    while (at > 0 && (best[at - 1] as ScoredId).score < score) at--
    best.splice(at, 0, { id, score })
    if (best.length > k) best.pop()
  }
  return best
}

/** The ids of exactNeighbours. */
export function exactTopK(query: Float32Array, vectors: readonly LabelledVector[], k: number, allow?: (id: number) => boolean): number[] {
  return exactNeighbours(query, vectors, k, allow).map((b) => b.id)
}
