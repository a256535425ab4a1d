import { judgeRun, type RecorderOptions, relativeTestFile, warnOnStderr, writeVerdictOnExit } from '@aqe/core'
import type { Reporter, TestCase, TestModule, TestRunEndReason, Vitest } from 'vitest/node'
import { BailCounter, liveQuarantine } from './quarantine-bail.js'
import { coverageFacts, vitestRunFacts } from './vitest-run-failures.js'

/**
 * Applies aqe's quarantine to a Vitest run in process. Vitest sets the failing exit code before
 * `onTestRunEnd` and checks coverage thresholds after it, so restoring 0 here can only ever
 * forgive test failures: when every failure is a quarantined test (recorded in the store), and
 * there is no load error, hook error, unhandled error, interrupt or unchecked coverage threshold.
 * With a quarantine in place it also counts `bail` itself, leaving quarantined failures out.
 * Installed by the aqe plugin after the recording reporter.
 */
export class AqeQuarantineReporter implements Reporter {
  private readonly options: RecorderOptions
  private vitest: Vitest | undefined
  private startedAt = new Date()
  private bail: BailCounter | undefined

  constructor(options: RecorderOptions = {}) {
    this.options = options
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  async onTestRunStart(): Promise<void> {
    this.startedAt = new Date()
    if (this.vitest) this.bail = new BailCounter(this.vitest, (await liveQuarantine(this.vitest.config.root)) ?? [])
  }

  onTestCaseResult(testCase: TestCase): void {
    const vitest = this.vitest
    if (!vitest || !this.bail?.active || testCase.result().state !== 'failed') return
    this.bail.onFailure(testCase, relativeTestFile(vitest.config.root, testCase.module.moduleId))
  }

  async onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>, reason: TestRunEndReason): Promise<void> {
    const vitest = this.vitest
    if (!vitest || this.options.disabled || process.env.AQE_DISABLE === '1') return
    try {
      const root = vitest.config.root
      const facts = vitestRunFacts(root, coverageFacts(vitest.config.coverage), modules, errors, reason)
      // Under `aqe run`, say that this run was already judged here, so the wrapper passes the code through.
      writeVerdictOnExit(() => ({ version: 1, runner: 'vitest', root, testFailureExitCode: 1, ...facts, decidedInProcess: true }))
      if (facts.failures.failedTests.length === 0 && facts.passedOnRetry.length === 0) return
      const pass = await judgeRun({ root, db: this.options.db, startedAt: this.startedAt, ...facts })
      // Only a plain test failure (exit code 1) is forgiven; any other code was set for another reason.
      if (pass && reason === 'failed' && process.exitCode === 1) process.exitCode = 0
    } catch (error) {
      warnOnStderr(`the aqe quarantine hit an unexpected error and left the exit code alone: ${(error as Error).stack ?? error}`)
    }
  }
}
