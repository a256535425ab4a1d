import type { ScoredId } from './exact-search.js'

/**
 * Float32 rounding of a 384-term dot product; scores this close to the k-th exact score are ties.
 * ann-benchmarks allows 1e-3; this is stricter.
 */
export const TIE_EPSILON = 1e-6

/**
 * Recall@k of an approximate result against the exact top k, counting ties as ann-benchmarks does:
 * a returned id is correct when its exact similarity is at least the k-th exact one (less
 * `epsilon`). With duplicate or equidistant vectors the exact top k is one arbitrary choice among
 * equals, and matching its ids would count an equally near neighbour as a miss.
 * @param approxScores exact similarities (computed like the oracle's) of the approximate result's ids
 * @param exact the exact top k, best first
 */
export function tieAwareRecall(approxScores: readonly number[], exact: readonly ScoredId[], epsilon = TIE_EPSILON): number {
  if (exact.length === 0) return 1
  const kth = (exact[exact.length - 1] as ScoredId).score
  const hits = approxScores.slice(0, exact.length).filter((score) => score >= kth - epsilon).length
  return hits / exact.length
}
