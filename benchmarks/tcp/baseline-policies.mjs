import { SeededRandom } from '@aqe/core'

/** @typedef {import('./read-cycles.mjs').TestRow} TestRow */
/** @typedef {{ order(rows: TestRow[]): number[], learn(rows: TestRow[]): void }} Policy */

const HISTORY_LENGTH = 4

/** Online verdict history, rebuilt from earlier cycles only (most recent first). */
class OnlineHistory {
  cycle = 0
  /** @type {Map<string, { verdicts: number[], lastCycle: number }>} */
  tests = new Map()

  /** @param {TestRow[]} rows */
  learn(rows) {
    this.cycle++
    for (const row of rows) {
      const known = this.tests.get(row.id) ?? { verdicts: [], lastCycle: this.cycle }
      known.verdicts = [row.failed ? 1 : 0, ...known.verdicts].slice(0, HISTORY_LENGTH)
      known.lastCycle = this.cycle
      this.tests.set(row.id, known)
    }
  }

  /**
   * RETECS's discrete state: four history bits (missing history padded with 1, "failed"), and
   * the duration and time-since-last-run groups (3 bins of the cycle's min-max range).
   * @param {TestRow[]} rows
   */
  discreteStates(rows) {
    const gaps = rows.map((row) => {
      const known = this.tests.get(row.id)
      return known ? this.cycle + 1 - known.lastCycle : 0
    })
    const durationGroup = groups(rows.map((row) => row.durationMs))
    const gapGroup = groups(gaps)
    return rows.map((row, i) => {
      const verdicts = this.tests.get(row.id)?.verdicts ?? []
      const bits = Array.from({ length: HISTORY_LENGTH }, (_, k) => verdicts[k] ?? 1)
      return { bits, durationGroup: durationGroup[i], gapGroup: gapGroup[i] }
    })
  }
}

/** @param {number[]} values */
function groups(values) {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  return values.map((v) => (hi > lo ? Math.min(2, Math.floor((3 * (v - lo)) / (hi - lo))) : 0))
}

/**
 * Sorts indices by score, highest first, breaking ties randomly as the protocol asks.
 * @param {number[]} scores
 * @param {SeededRandom} random
 */
export function orderByScore(scores, random) {
  const tie = scores.map(() => random.next())
  return scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || tie[a] - tie[b])
}

/** @param {SeededRandom} random @returns {Policy} */
export function randomPolicy(random) {
  return {
    order: (rows) =>
      orderByScore(
        rows.map(() => 0),
        random,
      ),
    learn() {},
  }
}

/** Failing tests first, shortest first: it knows the verdicts, so it bounds what an order can reach. */
/** @param {SeededRandom} random @returns {Policy} */
export function oraclePolicy(random) {
  return {
    order: (rows) =>
      orderByScore(
        rows.map((row) => (row.failed ? 1 : 0) - row.durationMs / 1e15),
        random,
      ),
    learn() {},
  }
}

/** RETECS "Sorting": the history bits lexicographically (most recent first, failures first), then the longer gap. */
/** @param {SeededRandom} random @returns {Policy} */
export function sortingPolicy(random) {
  const history = new OnlineHistory()
  return {
    order(rows) {
      const scores = history
        .discreteStates(rows)
        .map(({ bits, gapGroup }) => bits.reduce((sum, bit, k) => sum + bit * 2 ** (HISTORY_LENGTH - k), 0) + gapGroup / 3)
      return orderByScore(scores, random)
    },
    learn: (rows) => history.learn(rows),
  }
}

/** RETECS "Weighting": the mean of the six discrete features; shorter tests, longer gaps and failures score higher. */
/** @param {SeededRandom} random @returns {Policy} */
export function weightingPolicy(random) {
  const history = new OnlineHistory()
  return {
    order(rows) {
      const scores = history.discreteStates(rows).map(({ bits, durationGroup, gapGroup }) => {
        const features = [...bits, (2 - durationGroup) / 2, gapGroup / 2]
        return features.reduce((sum, f) => sum + f, 0) / features.length
      })
      return orderByScore(scores, random)
    },
    learn: (rows) => history.learn(rows),
  }
}
