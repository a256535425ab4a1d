import { hashString } from './seeded-random.js'
import type { RankedTest } from './types.js'

/**
 * Sorts ranked tests into run order, in place: higher priority first; at equal priority, the test
 * that failed last time, then the shorter one (unknown durations last), then a hash of the id, so
 * the order never depends on the order the runner listed the tests in.
 */
export function sortByPriority(tests: RankedTest[]): RankedTest[] {
  const hashes = new Map(tests.map((t) => [t.id, hashString(t.id)]))
  return tests.sort(
    (a, b) =>
      b.priority - a.priority ||
      Number(b.lastFailed) - Number(a.lastFailed) ||
      compareDurations(a.durationMs, b.durationMs) ||
      (hashes.get(a.id) as number) - (hashes.get(b.id) as number) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

function compareDurations(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0
  if (a === undefined) return 1
  if (b === undefined) return -1
  return a - b
}
