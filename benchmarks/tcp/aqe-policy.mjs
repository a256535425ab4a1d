import { PrioritisationAgent } from '@aqe/core'

/** @typedef {import('./read-cycles.mjs').TestRow} TestRow */

/**
 * The aqe agent as a replay policy. A cycle may run a test more than once; each row is its own
 * test case, and the runs of one test share its rank (they have the same state).
 * By default the agent is told each test's duration from the cycle's `Duration` column, as RETECS
 * does. With `knownDurationsOnly` it gets none: it then uses the duration it saw when the test last
 * ran, and the median for a test it has never seen, which is all a Jest/Vitest sequencer knows.
 * @param {number} seed
 * @param {{ knownDurationsOnly?: boolean }} [options]
 * @returns {import('./baseline-policies.mjs').Policy & { agent: PrioritisationAgent }}
 */
export function aqePolicy(seed, { knownDurationsOnly = false } = {}) {
  const agent = new PrioritisationAgent({ seed })
  return {
    agent,
    order(rows) {
      /** @type {Map<string, number[]>} */
      const rowsOf = new Map()
      rows.forEach((row, i) => {
        rowsOf.set(row.id, [...(rowsOf.get(row.id) ?? []), i])
      })
      const ranked = agent.rank(
        [...rowsOf.keys()].map((id) => ({ id, durationMs: knownDurationsOnly ? undefined : rows[rowsOf.get(id)[0]].durationMs })),
      )
      return ranked.flatMap((test) => /** @type {number[]} */ (rowsOf.get(test.id)))
    },
    learn(rows) {
      agent.learn(rows.map((row) => ({ id: row.id, failed: row.failed, durationMs: row.durationMs })))
    },
  }
}
