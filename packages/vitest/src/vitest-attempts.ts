import type { AttemptRecord, AttemptStatus } from '@aqe/core'

/** The parts of a Vitest error that aqe keeps. */
export interface VitestError {
  name?: string
  message?: string
}

/** One try as Vitest 5's `TestCase.attempts()` reports it. */
export interface VitestAttempt {
  state: string
  duration?: number
  errors?: readonly VitestError[]
}

/** The parts of a Vitest `TestCase` that aqe reads (Vitest 4 and 5). */
export interface VitestTestCaseLike {
  fullName: string
  options: { mode: string; fails?: boolean }
  result(): { state: string; errors?: readonly VitestError[] }
  diagnostic(): { duration: number; retryCount: number } | undefined
  /** Vitest 5 only. */
  attempts?: () => readonly VitestAttempt[]
}

const stateToStatus = (state: string): AttemptStatus | undefined =>
  state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : state === 'skipped' ? 'skipped' : undefined

/**
 * Expands a Vitest test case into its attempts. Vitest 5 lists them; Vitest 4 gives the retry
 * count and all attempts' errors in order, and one duration for them all, which aqe keeps on
 * the final attempt (earlier attempts have no duration of their own to record).
 */
export function vitestAttempts(testCase: VitestTestCaseLike, file: string, project?: string): AttemptRecord[] {
  const result = testCase.result()
  const base = { file, fullName: testCase.fullName, project: project || undefined }
  if (testCase.options.mode === 'todo') return [{ ...base, attempt: 0, status: 'todo' }]
  const finalStatus = stateToStatus(result.state)
  // 'pending': the run was cancelled before this test ran; there is nothing to record.
  if (!finalStatus) return []
  // Vitest 4 retries a `.fails` test whose body threw as expected (vitest#11068); each try had the
  // same, expected outcome, so it is one passing execution rather than failures and a retry.
  if (testCase.options.fails && finalStatus === 'passed') {
    return [{ ...base, attempt: 0, status: 'passed', durationMs: testCase.diagnostic()?.duration }]
  }
  const listed = typeof testCase.attempts === 'function' ? testCase.attempts() : undefined
  if (listed && listed.length > 0) {
    return listed.map((a, attempt) => ({
      ...base,
      attempt,
      status: stateToStatus(a.state) ?? 'failed',
      durationMs: a.duration,
      ...errorFields(a.errors?.[0]),
    }))
  }
  const diagnostic = testCase.diagnostic()
  const retries = diagnostic?.retryCount ?? 0
  const errors = result.errors ?? []
  const attempts: AttemptRecord[] = []
  for (let attempt = 0; attempt < retries; attempt++) {
    attempts.push({ ...base, attempt, status: 'failed', ...errorFields(errors[attempt]) })
  }
  attempts.push({
    ...base,
    attempt: retries,
    status: finalStatus,
    durationMs: diagnostic?.duration,
    ...(finalStatus === 'failed' ? errorFields(errors[retries] ?? errors.at(-1)) : {}),
  })
  return attempts
}

function errorFields(error: VitestError | undefined): { errorName?: string; errorMessage?: string } {
  return error ? { errorName: error.name, errorMessage: error.message } : {}
}
