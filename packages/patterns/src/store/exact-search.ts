import { dot } from '../embed/embedder.js'
import type { LabelledVector } from './vector-index.js'

/** Exact cosine top-k over all vectors: the search for small stores and the recall oracle for the HNSW index. */
export function exactTopK(query: Float32Array, vectors: readonly LabelledVector[], k: number, allow?: (id: number) => boolean): number[] {
  const best: { id: number; score: number }[] = []
  for (const { id, vector } of vectors) {
    if (allow && !allow(id)) continue
    const score = dot(query, vector)
    if (best.length === k && score <= (best[k - 1] as { score: number }).score) continue
    let at = best.length
    while (at > 0 && (best[at - 1] as { score: number }).score < score) at--
    best.splice(at, 0, { id, score })
    if (best.length > k) best.pop()
  }
  return best.map((b) => b.id)
}
