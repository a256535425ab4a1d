import { describe, expect, it } from 'vitest'
import { ConfigError } from '../src/errors.js'
import { PrioritisationAgent } from '../src/prioritise/prioritisation-agent.js'
import type { TestOutcome } from '../src/prioritise/types.js'

const run = (failing: string[], ids = ['a', 'b', 'c', 'd']): TestOutcome[] =>
  ids.map((id, i) => ({ id, failed: failing.includes(id), durationMs: 100 + 10 * i }))

const order = (agent: PrioritisationAgent, ids = ['a', 'b', 'c', 'd']) => agent.rank(ids.map((id) => ({ id }))).map((t) => t.id)

// Many tests and few allowed pairs, so learning has to sample pairs with the seeded generator.
const wideRun = (cycle: number): TestOutcome[] =>
  Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, failed: (i * 7 + cycle) % 5 === 0, durationMs: 50 + ((i * 13) % 17) }))

describe('PrioritisationAgent', () => {
  it('puts the test that failed in the last run first', () => {
    const agent = new PrioritisationAgent()
    agent.learn(run([]))
    agent.learn(run(['c']))
    expect(order(agent)[0]).toBe('c')
    expect(agent.rank([{ id: 'c' }])[0]).toMatchObject({ lastFailed: true, isNew: false })
  })

  it('gives a new test the benefit of the doubt: it runs before tests that kept passing', () => {
    const agent = new PrioritisationAgent()
    for (let i = 0; i < 5; i++) agent.learn(run(i === 2 ? ['b'] : []))
    const ranked = agent.rank(['a', 'b', 'c', 'new'].map((id) => ({ id })))
    expect(ranked[0]).toMatchObject({ id: 'new', isNew: true })
  })

  it('learns the same policy from the same runs and seed, and another one from another seed', () => {
    const train = (seed: number) => {
      const agent = new PrioritisationAgent({ seed, maxPairsPerRun: 5 })
      for (let c = 0; c < 12; c++) agent.learn(wideRun(c))
      return agent
    }
    const ids = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}` }))
    expect(train(7).snapshot()).toEqual(train(7).snapshot())
    expect(train(7).rank(ids)).toEqual(train(7).rank(ids))
    expect(train(8).snapshot().weights).not.toEqual(train(7).snapshot().weights)
  })

  it('continues from a saved snapshot exactly as if it had never stopped', () => {
    const options = { seed: 3, maxPairsPerRun: 5 }
    const straight = new PrioritisationAgent(options)
    const first = new PrioritisationAgent(options)
    for (let c = 0; c < 6; c++) {
      straight.learn(wideRun(c))
      first.learn(wideRun(c))
    }
    const resumed = new PrioritisationAgent(options, JSON.parse(JSON.stringify(first.snapshot())))
    for (let c = 6; c < 10; c++) {
      straight.learn(wideRun(c))
      resumed.learn(wideRun(c))
    }
    expect(resumed.snapshot()).toEqual(straight.snapshot())
  })

  it('does not reward the failures of a quarantined test, nor remember them', () => {
    const agent = new PrioritisationAgent()
    agent.learn(run([]))
    agent.learn(run(['b']), (id) => id === 'b')
    expect(order(agent)[0]).not.toBe('b')
    expect(agent.memoryOf('b')?.verdicts).toEqual([0, 0])
  })

  it('does not change when it only ranks', () => {
    const agent = new PrioritisationAgent()
    agent.learn(run(['a']))
    const before = agent.snapshot()
    order(agent)
    order(agent, ['d', 'x'])
    expect(agent.snapshot()).toEqual(before)
  })

  it('names the option that is wrong', () => {
    expect(() => new PrioritisationAgent({ learningRate: 0 })).toThrow(ConfigError)
    expect(() => new PrioritisationAgent({ learningRate: 0 })).toThrow(/options\.learningRate must be a number in \(0, 1\]/)
    expect(() => new PrioritisationAgent({ seed: 1.5 })).toThrow(/options\.seed must be an integer/)
    expect(() => new PrioritisationAgent({ maxPairsPerRun: 0 })).toThrow(/options\.maxPairsPerRun must be a positive integer/)
    expect(() => new PrioritisationAgent({ durationWeight: -1 })).toThrow(/options\.durationWeight must be a finite number >= 0/)
  })
})
