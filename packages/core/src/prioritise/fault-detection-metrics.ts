/** One test of a prioritised run, as the metrics see it. */
export interface ScoredTest {
  durationMs: number
  failed: boolean
}

/** What a time budget lets run of an order: first fit, so a test that does not fit is skipped and the walk goes on. */
export interface BudgetSchedule {
  /** The scheduled tests, in order. */
  scheduled: ScoredTest[]
  /** Failing tests in the whole run, scheduled or not. */
  failures: number
}

/**
 * Schedules an order under `ratio × total duration` (ratio 1 schedules everything), as RETECS and
 * COLEMAN do: a test runs if it still fits, otherwise it is skipped and the next one is tried.
 */
export function scheduleWithinBudget(order: readonly ScoredTest[], ratio: number): BudgetSchedule {
  let total = 0
  let failures = 0
  for (const test of order) {
    total += test.durationMs
    if (test.failed) failures++
  }
  if (ratio >= 1) return { scheduled: [...order], failures }
  const budget = ratio * total
  const scheduled: ScoredTest[] = []
  let used = 0
  for (const test of order) {
    if (used + test.durationMs > budget) continue
    used += test.durationMs
    scheduled.push(test)
  }
  return { scheduled, failures }
}

/**
 * Normalised APFD under a time budget (Qu et al.; RETECS and COLEMAN):
 * `p − Σ rank_i / (m·n) + p / (2n)`, with ranks among scheduled tests, `p` the share of failures
 * detected, and `m`, `n` counting all tests. Undefined for a run without failures, which RETECS
 * drops from its means.
 */
export function napfd(order: readonly ScoredTest[], ratio: number): number | undefined {
  const { scheduled, failures } = scheduleWithinBudget(order, ratio)
  if (failures === 0) return undefined
  const n = order.length
  let detected = 0
  let rankSum = 0
  scheduled.forEach((test, index) => {
    if (!test.failed) return
    detected++
    rankSum += index + 1
  })
  const p = detected / failures
  return p - rankSum / (failures * n) + p / (2 * n)
}

/** APFD of the full order: `1 − Σ rank_i / (n·m) + 1 / (2n)`; undefined without failures. */
export function apfd(order: readonly ScoredTest[]): number | undefined {
  return napfd(order, 1)
}

/**
 * Cost-cognizant APFD under a time budget, computed as COLEMAN does: `c` are the durations of the
 * whole order, `r_i` the scheduled rank of each detected failure, and
 * `APFDc = Σ (Σ_{j ≥ r_i} c_j − c_{r_i} / 2) / (Σ c · m)`. With ratio 1 it is the usual APFDc of
 * the full order. Undefined without failures.
 */
export function apfdc(order: readonly ScoredTest[], ratio: number): number | undefined {
  const { scheduled, failures } = scheduleWithinBudget(order, ratio)
  if (failures === 0) return undefined
  const remaining: number[] = new Array(order.length + 1).fill(0)
  for (let i = order.length - 1; i >= 0; i--) remaining[i] = (remaining[i + 1] as number) + (order[i] as ScoredTest).durationMs
  const total = remaining[0] as number
  if (total === 0) return 0
  let sum = 0
  scheduled.forEach((test, index) => {
    if (test.failed) sum += (remaining[index] as number) - (order[index] as ScoredTest).durationMs / 2
  })
  return sum / (total * failures)
}
