/** One retriever's results, best first, and the weight of its vote. */
export interface RankedList {
  ids: readonly number[]
  weight: number
}

/** A fused result: its RRF score and its 1-based rank in each input list (undefined where absent). */
export interface FusedResult {
  id: number
  score: number
  ranks: (number | undefined)[]
}

/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): score(d) = Σ wᵢ / (k + rankᵢ(d)),
 * ranks from 1. Ties break by the best single rank, then by id, so the order is deterministic.
 */
export function fuseRanks(lists: readonly RankedList[], k = 60): FusedResult[] {
  if (!(k >= 0)) throw new RangeError(`RRF k must be >= 0, got ${k}`)
  // Runs on every search: one entry per id, its best rank kept as the ranks arrive.
  const fused = new Map<number, FusedResult & { best: number }>()
  for (let listIndex = 0; listIndex < lists.length; listIndex++) {
    const { ids, weight } = lists[listIndex] as RankedList
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number
      let entry = fused.get(id)
      if (!entry) {
        entry = { id, score: 0, ranks: new Array(lists.length).fill(undefined), best: i + 1 }
        fused.set(id, entry)
      } else if (entry.ranks[listIndex] !== undefined) continue
      entry.ranks[listIndex] = i + 1
      entry.score += weight / (k + i + 1)
      if (i + 1 < entry.best) entry.best = i + 1
    }
  }
  const sorted = [...fused.values()].sort((a, b) => b.score - a.score || a.best - b.best || a.id - b.id)
  return sorted.map(({ id, score, ranks }) => ({ id, score, ranks }))
}
