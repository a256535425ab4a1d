import { apfd, apfdc, napfd } from '@aqe/core'

/** @typedef {import('./read-cycles.mjs').TestRow} TestRow */
/** @typedef {import('./baseline-policies.mjs').Policy} Policy */

/**
 * @typedef {object} ReplayResult
 * @property {Map<number, number>} napfdByBudget mean NAPFD over failing cycles, per budget ratio
 * @property {number} apfd mean APFD of the full order over failing cycles
 * @property {number} apfdc mean APFDc at the main budget over failing cycles
 * @property {number} failingCycles
 * @property {number} seconds wall time of the replay
 */

/**
 * Replays a CI history online, cycle by cycle: the policy orders a cycle knowing only earlier
 * cycles, the order is scored, then the cycle's verdicts are revealed for it to learn. Cycles
 * without a failure are left out of the means, as in RETECS.
 * @param {TestRow[][]} cycles
 * @param {Policy} policy
 * @param {number[]} budgets
 * @param {number} mainBudget
 * @returns {ReplayResult}
 */
export function replay(cycles, policy, budgets, mainBudget) {
  const started = performance.now()
  const sums = new Map(budgets.map((b) => [b, 0]))
  let apfdSum = 0
  let apfdcSum = 0
  let failingCycles = 0
  for (const rows of cycles) {
    const order = policy.order(rows).map((i) => rows[i])
    const full = apfd(order)
    if (full !== undefined) {
      failingCycles++
      apfdSum += full
      apfdcSum += /** @type {number} */ (apfdc(order, mainBudget))
      for (const budget of budgets)
        sums.set(budget, /** @type {number} */ (sums.get(budget)) + /** @type {number} */ (napfd(order, budget)))
    }
    policy.learn(rows)
  }
  const mean = (/** @type {number} */ sum) => (failingCycles > 0 ? sum / failingCycles : Number.NaN)
  return {
    napfdByBudget: new Map([...sums].map(([budget, sum]) => [budget, mean(sum)])),
    apfd: mean(apfdSum),
    apfdc: mean(apfdcSum),
    failingCycles,
    seconds: (performance.now() - started) / 1000,
  }
}
