import { describe, expect, it } from 'vitest'
import { type VitestTestCaseLike, vitestAttempts } from '../src/vitest-attempts.js'

function testCase(
  overrides: Partial<VitestTestCaseLike> & { state?: string; errors?: { name?: string; message?: string }[]; retryCount?: number },
): VitestTestCaseLike {
  const { state = 'passed', errors = [], retryCount = 0, ...rest } = overrides
  return {
    fullName: 'suite > test',
    options: { mode: 'run' },
    result: () => ({ state, errors }),
    diagnostic: () => ({ duration: 30, retryCount }),
    ...rest,
  }
}

describe('vitestAttempts', () => {
  it('turns a Vitest 4 pass-after-retries into the failed attempts and the pass', () => {
    const attempts = vitestAttempts(
      testCase({
        retryCount: 2,
        errors: [
          { name: 'Error', message: 'one' },
          { name: 'TypeError', message: 'two' },
        ],
      }),
      'a.test.ts',
    )
    expect(attempts).toEqual([
      {
        file: 'a.test.ts',
        fullName: 'suite > test',
        project: undefined,
        attempt: 0,
        status: 'failed',
        errorName: 'Error',
        errorMessage: 'one',
      },
      {
        file: 'a.test.ts',
        fullName: 'suite > test',
        project: undefined,
        attempt: 1,
        status: 'failed',
        errorName: 'TypeError',
        errorMessage: 'two',
      },
      { file: 'a.test.ts', fullName: 'suite > test', project: undefined, attempt: 2, status: 'passed', durationMs: 30 },
    ])
  })

  it('gives the last error to a final failure', () => {
    const attempts = vitestAttempts(
      testCase({ state: 'failed', retryCount: 1, errors: [{ message: 'a' }, { message: 'b' }] }),
      'a.test.ts',
      'node',
    )
    expect(attempts.map((a) => [a.attempt, a.status, a.errorMessage, a.project])).toEqual([
      [0, 'failed', 'a', 'node'],
      [1, 'failed', 'b', 'node'],
    ])
  })

  it('uses Vitest 5 attempts with their own durations when the runner lists them', () => {
    const attempts = vitestAttempts(
      testCase({
        retryCount: 1,
        attempts: () => [
          { state: 'failed', duration: 7, errors: [{ name: 'Error', message: 'flake' }] },
          { state: 'passed', duration: 3 },
        ],
      }),
      'a.test.ts',
    )
    expect(attempts.map((a) => [a.attempt, a.status, a.durationMs, a.errorMessage])).toEqual([
      [0, 'failed', 7, 'flake'],
      [1, 'passed', 3, undefined],
    ])
  })

  it('records todo and skipped tests once, and tests a cancelled run never reached not at all', () => {
    expect(vitestAttempts(testCase({ options: { mode: 'todo' }, state: 'skipped' }), 'a.test.ts')).toMatchObject([
      { status: 'todo', attempt: 0 },
    ])
    expect(vitestAttempts(testCase({ state: 'skipped', diagnostic: () => undefined }), 'a.test.ts')).toMatchObject([
      { status: 'skipped', attempt: 0 },
    ])
    expect(vitestAttempts(testCase({ state: 'pending' }), 'a.test.ts')).toEqual([])
  })
})
