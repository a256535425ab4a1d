import { describe, expect, it } from 'vitest'
import { classifyTest } from '../src/flaky/classify-test.js'
import { resolveFlakyOptions } from '../src/flaky/flaky-options.js'
import type { RunObservation, TestObservations } from '../src/flaky/test-observations.js'
import type { AttemptStatus } from '../src/record/types.js'

const options = resolveFlakyOptions()
const P = 'passed' as const
const F = 'failed' as const

/** Builds a test's history: one entry per run, each its attempts, on its own commit unless given. */
function history(
  runs: Array<AttemptStatus[] | { attempts: AttemptStatus[]; commit?: string; branch?: string; storm?: boolean }>,
): TestObservations {
  return {
    id: 'a.test.ts > t',
    file: 'a.test.ts',
    fullName: 't',
    runs: runs.map((r, i): RunObservation => {
      const run = Array.isArray(r) ? { attempts: r } : r
      return {
        runId: i + 1,
        startedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        commit: run.commit ?? `c${i}`,
        branch: run.branch ?? 'main',
        attempts: run.attempts,
        firstError: run.attempts.includes(F) ? 'boom' : null,
        storm: run.storm ?? false,
      }
    }),
  }
}

const clean = (n: number) => Array.from({ length: n }, () => [P])

describe('classifyTest', () => {
  it('calls a test flaky on the strongest evidence: a pass after a failure at the same commit', () => {
    const v = classifyTest(history([...clean(3), [F, P]]), options)
    expect(v.state).toBe('flaky')
    expect(v.evidence.sameCommitFlakes).toBe(1)
    expect(v.evidence.passedOnRetry).toBe(1)
    expect(v.evidence.reasons[0]).toMatch(/same commit/)
  })

  it('counts a job re-run on the same commit as same-commit evidence', () => {
    const v = classifyTest(history([...clean(5), { attempts: [F], commit: 'x' }, { attempts: [P], commit: 'x' }]), options)
    expect(v.state).toBe('flaky')
    expect(v.evidence.passedOnRetry).toBe(0)
  })

  it('calls a test that fails every attempt of its latest runs broken, not flaky', () => {
    const v = classifyTest(history([...clean(3), [F, P], [F, F, F], [F, F, F], [F, F, F]]), options)
    expect(v.state).toBe('broken')
    expect(v.evidence.failingStreak).toBe(3)
  })

  it('does not mistake a regression that was fixed for a flake', () => {
    const v = classifyTest(history([...clean(10), [F, F, F], [F, F, F], [F, F, F], [F, F, F], ...clean(10)]), options)
    expect(v.state).toBe('healthy')
    expect(v.evidence.failureEpisodes).toBe(0)
  })

  it('calls repeated isolated failures across commits flaky without retries', () => {
    const runs = [...clean(8), [F], ...clean(8), [F], ...clean(8), [F], ...clean(3)]
    const v = classifyTest(history(runs), options)
    expect(v.state).toBe('flaky')
    expect(v.evidence.failureEpisodes).toBe(3)
    expect(v.evidence.failureProbability.low).toBeGreaterThan(options.minFailureProbability)
  })

  it('ignores infrastructure-storm runs entirely', () => {
    const v = classifyTest(history([...clean(6), { attempts: [F, P], storm: true }, { attempts: [F, F, F], storm: true }]), options)
    expect(v.state).toBe('healthy')
    expect(v.evidence.stormRunsExcluded).toBe(2)
  })

  it('takes only same-commit evidence from pull-request branches', () => {
    const pr = (attempts: AttemptStatus[]) => ({ attempts, branch: 'feature/x' })
    const failingWork = classifyTest(history([...clean(6), pr([F, F, F]), pr([F, F, F]), pr([F, F, F]), pr([P])]), options)
    expect(failingWork.state).toBe('healthy')
    expect(classifyTest(history([...clean(6), pr([F, P])]), options).state).toBe('flaky')
  })

  it('calls a test with little history new', () => {
    const v = classifyTest(history(clean(2)), options)
    expect(v.state).toBe('new')
    expect(v.evidence.reasons[0]).toMatch(/only 2 default-branch run/)
  })

  it('scores by the decayed failure probability: recent failures weigh more', () => {
    const old = classifyTest(history([[F, P], ...clean(100)]), options)
    const recent = classifyTest(history([...clean(100), [F, P]]), options)
    expect(recent.score).toBeGreaterThan(old.score)
    expect(old.evidence.cleanRunsSinceFailure).toBe(100)
  })

  it('measures the flip rate between consecutive runs', () => {
    const v = classifyTest(history([[P], [F], [P], [F], [P]]), resolveFlakyOptions({ halfLifeRuns: 1e9 }))
    expect(v.evidence.flipRate).toBe(1)
  })
})

describe('resolveFlakyOptions', () => {
  it('names the option in its message', () => {
    expect(() => resolveFlakyOptions({ stormFailureRatio: 2 })).toThrow('flaky.stormFailureRatio must be in (0, 1], got 2.')
    expect(() => resolveFlakyOptions({ minRuns: 0.5 })).toThrow('flaky.minRuns must be a positive integer')
    expect(() => resolveFlakyOptions({ defaultBranches: [''] })).toThrow('flaky.defaultBranches must be an array of branch names')
  })

  it('keeps the defaults for options left undefined', () => {
    expect(resolveFlakyOptions({ windowDays: undefined }).windowDays).toBe(30)
  })
})
