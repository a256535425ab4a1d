import { describe, expect, it } from 'vitest'
import { attemptKey, type JestAssertion, jestAttempts, type SeenAttempt } from '../src/jest-attempts.js'

const root = '/repo'
const path = '/repo/test/a.test.ts'

function assertion(overrides: Partial<JestAssertion>): JestAssertion {
  return { ancestorTitles: ['suite'], title: 'works', status: 'passed', duration: 5, failureMessages: [], ...overrides }
}

describe('jestAttempts', () => {
  it('uses per-attempt results from onTestCaseResult (Jest 30)', () => {
    const a = assertion({ invocations: 3, retryReasons: ['Error: one', 'Error: two'], duration: 4 })
    const seen = new Map<string, SeenAttempt>([
      [attemptKey(path, a, 1), { durationMs: 10, error: { name: 'Error', message: 'one (detail)' } }],
      [attemptKey(path, a, 2), { durationMs: 11, error: { name: 'TimeoutError', message: 'two (detail)' } }],
      [attemptKey(path, a, 3), { durationMs: 4 }],
    ])
    expect(jestAttempts(root, path, a, seen).map((x) => [x.attempt, x.status, x.durationMs, x.errorName, x.errorMessage])).toEqual([
      [0, 'failed', 10, 'Error', 'one (detail)'],
      [1, 'failed', 11, 'TimeoutError', 'two (detail)'],
      [2, 'passed', 4, undefined, undefined],
    ])
  })

  it('falls back to retryReasons when the runner reported only the final attempt (Jest 29)', () => {
    const a = assertion({
      status: 'failed',
      invocations: 2,
      retryReasons: ['\u001b[31mError: flaked\u001b[39m\n    at x (a.ts:1:1)'],
      failureMessages: ['AssertionError: still wrong\n    at y (a.ts:2:2)'],
    })
    expect(
      jestAttempts(root, path, a, new Map()).map((x) => [x.file, x.fullName, x.attempt, x.status, x.errorName, x.errorMessage]),
    ).toEqual([
      ['test/a.test.ts', 'suite > works', 0, 'failed', 'Error', 'flaked'],
      ['test/a.test.ts', 'suite > works', 1, 'failed', 'AssertionError', 'still wrong'],
    ])
  })

  it('maps pending to skipped and keeps todo, each as one attempt', () => {
    expect(jestAttempts(root, path, assertion({ status: 'pending', duration: null }), new Map())).toMatchObject([
      { status: 'skipped', attempt: 0 },
    ])
    expect(jestAttempts(root, path, assertion({ status: 'todo' }), new Map())).toMatchObject([{ status: 'todo', attempt: 0 }])
  })
})
