import { PrioritisationAgent } from '@aqe/core'

/**
 * Times `rank` on `count` tests: every test the trained agent knows, topped up with new ones.
 * Reports the median and maximum of repeated runs after a warm-up.
 * @param {PrioritisationAgent | undefined} trained
 * @param {number} count
 */
export function measureRanking(trained, count, repeats = 50) {
  const agent = trained ?? new PrioritisationAgent()
  const known = agent.knownTests().slice(0, count)
  const candidates = [...known, ...Array.from({ length: count - known.length }, (_, i) => ({ id: `new-test-${i}`, durationMs: 1000 + i }))]
  for (let i = 0; i < 5; i++) agent.rank(candidates)
  const times = []
  for (let i = 0; i < repeats; i++) {
    const start = performance.now()
    agent.rank(candidates)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { medianMs: times[times.length >> 1], maxMs: times[times.length - 1], repeats }
}
