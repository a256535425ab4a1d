import type { SeededRandom } from './seeded-random.js'
import type { TestOutcome } from './types.js'

/** Tells whether a test is quarantined; its failures are then no reward. */
export type QuarantinePredicate = (id: string) => boolean

/** The default: no test is quarantined. */
export const noneQuarantined: QuarantinePredicate = () => false

/**
 * Whether an outcome counts as a found failure. A quarantined test's failure is known noise, so
 * it earns nothing and is remembered as a pass: the agent must not learn to run flaky tests first.
 */
export function isRewardedFailure(outcome: TestOutcome, isQuarantined: QuarantinePredicate): boolean {
  return outcome.failed && !isQuarantined(outcome.id)
}

/**
 * Visits the (failed, passed) pairs of one run: the time-ranked reward of RETECS penalises every
 * passing test scheduled before a failing one, so each pair says "the first should have run
 * before the second". Runs with more than `maxPairs` pairs are sampled with `random`; smaller
 * runs visit every pair in order, so learning from them needs no randomness.
 */
export function visitRewardPairs(
  failed: readonly boolean[],
  maxPairs: number,
  random: SeededRandom,
  visit: (failing: number, passing: number, pairCount: number) => void,
): void {
  const failing: number[] = []
  const passing: number[] = []
  failed.forEach((isFailed, index) => {
    ;(isFailed ? failing : passing).push(index)
  })
  const all = failing.length * passing.length
  if (all === 0) return
  if (all <= maxPairs) {
    for (const f of failing) for (const p of passing) visit(f, p, all)
    return
  }
  for (let k = 0; k < maxPairs; k++) {
    visit(failing[random.below(failing.length)] as number, passing[random.below(passing.length)] as number, maxPairs)
  }
}
