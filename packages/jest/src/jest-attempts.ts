import { type AttemptRecord, type AttemptStatus, joinTitles, parseFailureText, relativeTestFile } from '@aqe/core'

/** The parts of Jest's per-test result that aqe reads (Jest 29 and 30). */
export interface JestAssertion {
  ancestorTitles: string[]
  title: string
  status: string
  duration?: number | null
  invocations?: number
  retryReasons?: string[]
  failureMessages: string[]
  failureDetails?: unknown[]
}

/** One attempt as `onTestCaseResult` reports it, keyed by test and invocation. */
export interface SeenAttempt {
  durationMs?: number
  error?: { name?: string; message: string }
}

const STATUS: Record<string, AttemptStatus> = { passed: 'passed', failed: 'failed', todo: 'todo' }

/** Key under which `onTestCaseResult` attempts are kept until the file's result arrives. */
export const attemptKey = (path: string, a: Pick<JestAssertion, 'ancestorTitles' | 'title'>, invocation: number) =>
  `${path}\u0000${joinTitles([...a.ancestorTitles, a.title])}\u0000${invocation}`

/** The error of a Jest failure: the thrown object when Jest kept it, else its failure text. */
export function jestError(detail: unknown, text: string | undefined): { name?: string; message: string } | undefined {
  const parsed = text === undefined ? undefined : parseFailureText(text)
  if (detail && typeof detail === 'object' && typeof (detail as Error).message === 'string') {
    const name = (detail as Error).name
    return {
      name: typeof name === 'string' && name !== '' ? name : parsed?.name,
      message: (detail as Error).message.replace(/\u001b\[[0-9;]*m/g, ''),
    }
  }
  return parsed
}

/**
 * Expands one Jest test result into its attempts. Jest reports `invocations` and one retry
 * reason per failed try; per-attempt durations and errors come from `onTestCaseResult` when the
 * Jest version sends it for every try (Jest 30), and from `retryReasons` otherwise.
 */
export function jestAttempts(
  root: string,
  path: string,
  assertion: JestAssertion,
  seen: ReadonlyMap<string, SeenAttempt>,
  project?: string,
): AttemptRecord[] {
  const file = relativeTestFile(root, path)
  const fullName = joinTitles([...assertion.ancestorTitles, assertion.title])
  const invocations = Math.max(1, assertion.invocations ?? 1)
  const attempts: AttemptRecord[] = []
  for (let i = 0; i < invocations; i++) {
    const final = i === invocations - 1
    const recorded = seen.get(attemptKey(path, assertion, i + 1))
    const error = final
      ? assertion.status === 'failed'
        ? (jestError(assertion.failureDetails?.[0], assertion.failureMessages[0]) ?? recorded?.error)
        : undefined
      : (recorded?.error ?? (assertion.retryReasons?.[i] === undefined ? undefined : parseFailureText(assertion.retryReasons[i] as string)))
    attempts.push({
      file,
      fullName,
      attempt: i,
      status: final ? (STATUS[assertion.status] ?? 'skipped') : 'failed',
      durationMs: recorded?.durationMs ?? (final ? (assertion.duration ?? undefined) : undefined),
      errorName: error?.name,
      errorMessage: error?.message,
      project,
    })
  }
  return attempts
}
