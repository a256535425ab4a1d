import { type FailedTest, joinTitles, type RunFailures, relativeTestFile } from '@aqe/core'
import type { AggregatedResult } from '@jest/reporters'
import type { Config } from '@jest/types'

/** A Jest run's failures, and its tests that passed only on retry, as aqe's quarantine sees them. */
export interface JestRunFacts {
  failures: RunFailures
  passedOnRetry: FailedTest[]
}

const ANSI = /\u001b\[[0-9;]*m/g
const clean = (text: string | undefined) => text?.replace(ANSI, '')

/**
 * Sorts out why a Jest run failed: failed tests on one side, every other cause on the other:
 * files that failed to load, snapshot failures (obsolete ones with `--ci` included), an interrupt,
 * a run stopped early by `--bail`, a run error, and errors of other reporters (coverage thresholds) when aqe can see them.
 */
export function jestRunFacts(
  globalConfig: Config.GlobalConfig,
  results: AggregatedResult,
  reporterErrors: readonly string[] | undefined,
): JestRunFacts {
  const failedTests: FailedTest[] = []
  const passedOnRetry: FailedTest[] = []
  const otherCauses: string[] = []
  if (results.wasInterrupted) otherCauses.push('the run was interrupted')
  if (results.runExecError) otherCauses.push(`the run failed: ${results.runExecError.message}`)
  if (results.snapshot?.failure) otherCauses.push('snapshots failed (unchecked, obsolete or unwritten with --ci)')
  // --bail stops Jest after a failure, quarantined or not: the files it never ran may hide real failures.
  if (results.testResults.length < results.numTotalTestSuites)
    otherCauses.push(`only ${results.testResults.length} of ${results.numTotalTestSuites} test files ran (--bail stopped the run)`)
  if (results.numRuntimeErrorTestSuites > 0) otherCauses.push(`${results.numRuntimeErrorTestSuites} test file(s) failed to run`)
  if (reporterErrors === undefined) {
    if (globalConfig.collectCoverage && Object.keys(globalConfig.coverageThreshold ?? {}).length > 0)
      otherCauses.push('coverage thresholds are set and aqe cannot see whether they passed')
  } else {
    otherCauses.push(...reporterErrors.map((e) => `a reporter failed the run: ${e.split('\n')[0]}`))
  }
  for (const file of results.testResults) {
    const path = relativeTestFile(globalConfig.rootDir, file.testFilePath)
    if (file.testExecError) otherCauses.push(`${path} failed to load or run`)
    for (const a of file.testResults) {
      const attempts = Math.max(1, a.invocations ?? 1)
      const firstError = clean(a.retryReasons?.[0] ?? a.failureMessages[0])
      const fact = { file: path, fullName: joinTitles([...a.ancestorTitles, a.title]), attempts, firstError }
      if (a.status === 'failed') failedTests.push(fact)
      else if (a.status === 'passed' && attempts > 1) passedOnRetry.push(fact)
    }
  }
  return { failures: { failedTests, otherCauses }, passedOnRetry }
}
