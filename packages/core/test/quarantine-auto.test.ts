import { describe, expect, it } from 'vitest'
import type { FlakyVerdict } from '../src/flaky/flaky-verdict.js'
import { planQuarantine } from '../src/quarantine/auto-quarantine.js'
import type { QuarantineEntry } from '../src/quarantine/quarantine-entry.js'
import { cleanRunsToRelease, resolveQuarantineOptions } from '../src/quarantine/quarantine-options.js'

const NOW = new Date('2026-03-01T00:00:00.000Z')
const options = resolveQuarantineOptions({ auto: true, owner: '@qa' })

function verdict(id: string, state: FlakyVerdict['state'], score: number, cleanRunsSinceFailure = 0): FlakyVerdict {
  const estimate = { mean: score, low: score / 2, high: score * 2 }
  return {
    id,
    file: 'a.test.ts',
    fullName: id,
    state,
    score,
    evidence: {
      runs: 100,
      defaultBranchRuns: 100,
      stormRunsExcluded: 0,
      attempts: 120,
      failedAttempts: 10,
      sameCommitFlakes: 2,
      passedOnRetry: 2,
      failureEpisodes: 2,
      flipRate: 0.1,
      failureProbability: estimate,
      failingStreak: 0,
      cleanRunsSinceFailure,
      lastFailureAt: null,
      lastFailureMessage: null,
      reasons: ['passed and failed on the same commit 2 time(s)'],
    },
  }
}

const entry = (id: string, source: 'auto' | 'manual', expires?: string): QuarantineEntry => ({
  id,
  reason: 'r',
  created: '2026-01-01T00:00:00.000Z',
  source,
  ...(expires ? { expires } : {}),
})

describe('planQuarantine', () => {
  it('quarantines flaky tests above the threshold, never broken ones', () => {
    const plan = planQuarantine([verdict('f', 'flaky', 0.2), verdict('low', 'flaky', 0.01), verdict('b', 'broken', 0.99)], [], options, NOW)
    expect(plan.add.map((e) => e.id)).toEqual(['f'])
    expect(plan.add[0]).toMatchObject({ source: 'auto', owner: '@qa', expires: '2026-03-31T00:00:00.000Z' })
    expect(plan.add[0]?.evidence).toMatch(/same commit/)
  })

  it('releases an auto entry only after the rule-of-three run count, and only reports manual ones', () => {
    const needed = cleanRunsToRelease(0.05, 0.95)
    expect(needed).toBe(59)
    const entries = [entry('a', 'auto'), entry('m', 'manual'), entry('young', 'auto')]
    const plan = planQuarantine(
      [verdict('a', 'healthy', 0.01, 59), verdict('m', 'healthy', 0.01, 80), verdict('young', 'flaky', 0.06, 58)],
      entries,
      options,
      NOW,
    )
    expect(plan.release.map((e) => e.id)).toEqual(['a'])
    expect(plan.readyForRelease.map((e) => e.id)).toEqual(['m'])
  })

  it('has hysteresis: a quarantined test is not added twice nor released while still failing', () => {
    const plan = planQuarantine([verdict('a', 'flaky', 0.04, 3)], [entry('a', 'auto')], options, NOW)
    expect(plan.add).toEqual([])
    expect(plan.release).toEqual([])
  })

  it('reports expired entries', () => {
    expect(planQuarantine([], [entry('x', 'manual', '2026-02-01T00:00:00.000Z')], options, NOW).expired.map((e) => e.id)).toEqual(['x'])
  })

  it('validates its options with the option name', () => {
    expect(() => resolveQuarantineOptions({ releaseBelow: 0.2, activateAbove: 0.1 })).toThrow(
      'quarantine.releaseBelow must be at most activateAbove (0.1), got 0.2.',
    )
    expect(() => resolveQuarantineOptions({ activateAbove: 1 })).toThrow('quarantine.activateAbove must be in (0, 1), got 1.')
  })
})
