import { createRequire } from 'node:module'
import { join } from 'node:path'
import { type AttemptRecord, openRunRecorder, type RecorderOptions, type RunRecorder, relativeTestFile, warnOnStderr } from '@aqe/core'
import type { GapsReporterOption } from '@aqe/coverage'
import type { AggregatedResult, Test, TestCaseResult, TestContext, TestResult } from '@jest/reporters'
import type { Config } from '@jest/types'
import { attemptKey, type JestAssertion, jestAttempts, jestError, type SeenAttempt } from './jest-attempts.js'
import { fillGapsWhenReady } from './jest-fill-gaps.js'
import { printJestGapsWhenReady } from './jest-gaps.js'
import { prepareQuarantineVerdict } from './quarantine-verdict.js'

/** Options of the Jest reporter: `reporters: ['default', ['@aqe/jest', { db: '...' }]]`. */
export type AqeJestReporterOptions = RecorderOptions & {
  /**
   * After a coverage run, print the top coverage gaps on stderr: `true` for 10, `{ top: n }` for n.
   * `AQE_GAPS` overrides it (`1`, a count, or `0`).
   * @default false
   */
  gaps?: GapsReporterOption
}

/**
 * Jest reporter that records every attempt of every test into the aqe history store. It never
 * fails the run: `getLastError` stays empty, and store problems become one warning on stderr.
 */
export default class AqeJestReporter {
  private readonly globalConfig: Config.GlobalConfig
  private readonly options: AqeJestReporterOptions
  private recorder: RunRecorder | undefined
  private readonly seen = new Map<string, SeenAttempt>()
  private readonly verdict: ((results: AggregatedResult) => void) | undefined

  constructor(globalConfig: Config.GlobalConfig, options: AqeJestReporterOptions = {}) {
    this.globalConfig = globalConfig
    this.options = options ?? {}
    this.verdict = prepareQuarantineVerdict(globalConfig, this.options)
  }

  async onRunStart(): Promise<void> {
    const root = this.globalConfig.rootDir
    const shard = this.globalConfig.shard
    this.recorder = await openRunRecorder(
      {
        runner: 'jest',
        runnerVersion: readVersion(root),
        root,
        shard: shard ? { index: shard.shardIndex, count: shard.shardCount } : undefined,
      },
      this.options,
    )
  }

  onTestCaseResult(test: Test, result: TestCaseResult): void {
    if (!this.recorder) return
    guard(() => {
      const error = result.status === 'failed' ? jestError(result.failureDetails?.[0], result.failureMessages[0]) : undefined
      this.seen.set(attemptKey(test.path, result, result.invocations ?? 1), { durationMs: result.duration ?? undefined, error })
    })
  }

  onTestResult(test: Test, result: TestResult): void {
    if (!this.recorder) return
    const recorder = this.recorder
    guard(() => {
      const root = this.globalConfig.rootDir
      const project = test.context.config.displayName?.name
      const attempts: AttemptRecord[] = result.testResults.flatMap((a) =>
        jestAttempts(root, test.path, a as JestAssertion, this.seen, project),
      )
      if (result.testExecError) {
        // The file itself failed (syntax error, throw at import): recorded under an empty name.
        const error = jestError(result.testExecError, result.testExecError.message)
        attempts.push({
          file: relativeTestFile(root, test.path),
          fullName: '',
          attempt: 0,
          status: 'failed',
          errorName: error?.name,
          errorMessage: error?.message,
          project,
        })
      }
      for (const key of this.seen.keys()) if (key.startsWith(`${test.path}\u0000`)) this.seen.delete(key)
      recorder.record(attempts)
    })
  }

  onRunComplete(_contexts: Set<TestContext>, results: AggregatedResult): void {
    guard(() => printJestGapsWhenReady(this.globalConfig, this.options.gaps, results))
    guard(() => fillGapsWhenReady(this.globalConfig, results))
    guard(() => this.verdict?.(results))
    const recorder = this.recorder
    this.recorder = undefined
    if (!recorder) return
    guard(() => {
      const failed = results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0 || results.snapshot?.failure === true
      recorder.finish({ outcome: results.wasInterrupted ? 'interrupted' : failed ? 'failed' : 'passed', endedAt: new Date() })
    })
  }

  getLastError(): Error | undefined {
    return undefined
  }
}

function guard(fn: () => void): void {
  try {
    fn()
  } catch (error) {
    warnOnStderr(`the aqe reporter hit an unexpected error and skipped part of this run: ${(error as Error).stack ?? error}`)
  }
}

function readVersion(root: string): string | undefined {
  try {
    return (createRequire(join(root, 'package.json'))('jest/package.json') as { version: string }).version
  } catch {
    return undefined
  }
}
