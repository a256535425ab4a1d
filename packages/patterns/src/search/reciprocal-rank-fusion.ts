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
  const fused = new Map<number, FusedResult>()
  lists.forEach((list, listIndex) => {
    list.ids.forEach((id, i) => {
      let entry = fused.get(id)
      if (!entry) {
        entry = { id, score: 0, ranks: lists.map(() => undefined) }
        fused.set(id, entry)
      }
      if (entry.ranks[listIndex] !== undefined) return
      entry.ranks[listIndex] = i + 1
      entry.score += list.weight / (k + i + 1)
    })
  })
  const best = new Map([...fused.values()].map((r) => [r.id, Math.min(...r.ranks.map((x) => x ?? Number.POSITIVE_INFINITY))]))
  const bestOf = (r: FusedResult) => best.get(r.id) as number
  return [...fused.values()].sort((a, b) => b.score - a.score || bestOf(a) - bestOf(b) || a.id - b.id)
}
