import { appendFileSync } from 'node:fs'
import type { AqeConfig } from '../config/aqe-config.js'
import { loadConfig } from '../config/load-config.js'
import { resolveHistoryPath } from '../config/resolve-history-path.js'
import { detectFlaky } from '../flaky/detect-flaky.js'
import { newlyFlaky } from '../flaky/newly-flaky.js'
import { type WarnFn, warnOnStderr } from '../record/warn.js'
import { SqliteHistoryStore } from '../store/sqlite-history-store.js'
import { planQuarantine } from './auto-quarantine.js'
import { confirmRecorded } from './confirm-recorded.js'
import { decideExit, type FailedTest, type RunFailures } from './exit-decision.js'
import { withFirstErrors } from './first-errors.js'
import type { QuarantineEntry } from './quarantine-entry.js'
import { resolveQuarantineOptions } from './quarantine-options.js'
import { readQuarantine, resolveQuarantinePath } from './quarantine-store.js'
import { formatRunReport, formatRunReportMarkdown, type RunReport } from './run-report.js'

/** What a runner integration knows when its run ends. */
export interface RunToJudge {
  /** Project root. */
  root: string
  /** Explicit history store path (the reporter's `db` option), if any. */
  db?: string
  /** When the run started; failures to ignore must be recorded at or after it. */
  startedAt: Date
  failures: RunFailures
  passedOnRetry: FailedTest[]
  /** Where the job summary goes. @default process.env.GITHUB_STEP_SUMMARY */
  summaryFile?: string
  warn?: WarnFn
  now?: Date
}

/**
 * Decides a finished run's fate and reports it on stderr (and in the GitHub job summary): true
 * when the run failed only through quarantined tests and may exit 0. Never throws; whenever aqe
 * cannot decide (config or quarantine file invalid, store missing, corrupt or without the
 * failures) it answers false after one warning, so the original exit code stands.
 */
export async function judgeRun(run: RunToJudge): Promise<boolean> {
  const warn = run.warn ?? warnOnStderr
  const now = run.now ?? new Date()
  try {
    const { config } = await loadConfig(run.root)
    const options = resolveQuarantineOptions(config.quarantine)
    const entries = readQuarantine(resolveQuarantinePath(run.root, options.file))
    const dbPath = resolveHistoryPath(run.root, run.db, config)
    const failures = { ...run.failures, failedTests: withFirstErrors(dbPath, run.startedAt, run.failures.failedTests) }
    const decision = decideExit(failures, entries, now)
    let passedRun = decision.passRun
    if (passedRun) {
      const problem = confirmRecorded(dbPath, run.startedAt, decision.quarantined)
      if (problem) {
        warn(`${problem}. Quarantine is not applied to this run, so its exit code stays as it is.`)
        passedRun = false
      }
    }
    const report: RunReport = {
      decision,
      passedRun,
      otherCauses: run.failures.otherCauses,
      passedOnRetry: withFirstErrors(dbPath, run.startedAt, newlyFlaky(dbPath, run.startedAt, run.passedOnRetry)),
      readyForRelease: readyForRelease(dbPath, entries, config, now),
    }
    // A green run stays quiet on the terminal; its new flakes are in the store, aqe flaky and the job summary.
    const failed = run.failures.failedTests.length > 0 || run.failures.otherCauses.length > 0
    process.stderr.write(formatRunReport(failed ? report : { ...report, passedOnRetry: [] }))
    writeSummary(run.summaryFile ?? process.env.GITHUB_STEP_SUMMARY, formatRunReportMarkdown(report))
    return passedRun
  } catch (error) {
    warn(`${(error as Error).message} Quarantine is not applied to this run, so its exit code stays as it is.`)
    return false
  }
}

function readyForRelease(dbPath: string, entries: readonly QuarantineEntry[], config: AqeConfig, now: Date) {
  if (entries.length === 0) return []
  let store: SqliteHistoryStore | undefined
  try {
    store = SqliteHistoryStore.open(dbPath, { readonly: true, busyTimeoutMs: 2000 })
    const plan = planQuarantine(detectFlaky(store.db, config.flaky, now), entries, resolveQuarantineOptions(config.quarantine), now)
    return [...plan.release, ...plan.readyForRelease]
  } catch {
    return []
  } finally {
    store?.close()
  }
}

function writeSummary(file: string | undefined, markdown: string): void {
  if (!file || markdown === '') return
  try {
    appendFileSync(file, `${markdown}\n`)
  } catch {
    // A job summary is a courtesy; the run's outcome does not depend on it.
  }
}
