import { testId } from '../record/test-id.js'
import { isExpired, type QuarantineEntry } from './quarantine-entry.js'

/** A test whose final attempt failed in this run. */
export interface FailedTest {
  file: string
  fullName: string
  /** How many attempts it took (1 + retries). */
  attempts: number
  /** The first failed attempt's message. */
  firstError?: string
}

/** Everything that made a run fail, as the runner integration saw it. */
export interface RunFailures {
  failedTests: FailedTest[]
  /**
   * Failure causes that are not a test's own failure (load or syntax errors, hook errors,
   * unhandled errors, snapshot failures, interrupts, reporter or threshold errors), in words.
   * Any of them keeps the original exit code.
   */
  otherCauses: string[]
}

/** What to do with a failed run's exit code. */
export interface ExitDecision {
  /** True only when every failure of the run is a test under a live quarantine entry. */
  passRun: boolean
  /** Quarantined failures (ignored when `passRun`). */
  quarantined: FailedTest[]
  /** Failures with no live quarantine entry. */
  unquarantined: FailedTest[]
  /** Entries that matched a failure but have expired, so no longer mask it. */
  expired: QuarantineEntry[]
}

/**
 * Decides whether a failed run may exit 0: only when it had test failures, every one of them is
 * quarantined by an entry that has not expired, and nothing else went wrong.
 */
export function decideExit(failures: RunFailures, entries: readonly QuarantineEntry[], now: Date = new Date()): ExitDecision {
  const byId = new Map(entries.map((e) => [e.id, e]))
  const quarantined: FailedTest[] = []
  const unquarantined: FailedTest[] = []
  const expired: QuarantineEntry[] = []
  for (const test of failures.failedTests) {
    const entry = test.fullName === '' ? undefined : byId.get(testId(test.file, test.fullName))
    if (entry && isExpired(entry, now)) expired.push(entry)
    if (entry && !isExpired(entry, now)) quarantined.push(test)
    else unquarantined.push(test)
  }
  const passRun = failures.otherCauses.length === 0 && unquarantined.length === 0 && quarantined.length > 0
  return { passRun, quarantined, unquarantined, expired }
}
