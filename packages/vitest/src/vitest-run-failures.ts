import { type FailedTest, type RunFailures, relativeTestFile } from '@aqe/core'
import type { TestModule, TestRunEndReason } from 'vitest/node'

/** A run's failures, and its tests that passed only on retry, as aqe's quarantine sees them. */
export interface VitestRunFacts {
  failures: RunFailures
  passedOnRetry: FailedTest[]
}

/** What the coverage settings imply for quarantine. */
export interface CoverageFacts {
  enabled: boolean
  hasThresholds: boolean
  reportOnFailure: boolean
}

/** Reads the coverage settings that matter to quarantine from a resolved Vitest config. */
export function coverageFacts(coverage: unknown): CoverageFacts {
  const c = (coverage ?? {}) as { enabled?: boolean; thresholds?: Record<string, unknown>; reportOnFailure?: boolean }
  return {
    enabled: c.enabled === true,
    hasThresholds: Object.keys(c.thresholds ?? {}).length > 0,
    reportOnFailure: c.reportOnFailure === true,
  }
}

/**
 * Sorts out why a Vitest run failed: failed tests on one side, every other cause (load errors,
 * suite hook errors, unhandled errors, an interrupt) on the other.
 */
export function vitestRunFacts(
  root: string,
  coverage: CoverageFacts,
  modules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<unknown>,
  reason: TestRunEndReason,
): VitestRunFacts {
  const failedTests: FailedTest[] = []
  const passedOnRetry: FailedTest[] = []
  const otherCauses: string[] = []
  if (reason === 'interrupted') otherCauses.push('the run was interrupted')
  // Vitest skips coverage, thresholds included, when tests fail, unless reportOnFailure is set.
  if (coverage.enabled && coverage.hasThresholds && !coverage.reportOnFailure)
    otherCauses.push(
      'coverage thresholds are not checked when tests fail; set coverage.reportOnFailure: true to quarantine with thresholds',
    )
  if (unhandledErrors.length > 0) otherCauses.push(`${unhandledErrors.length} unhandled error(s)`)
  for (const module of modules) {
    const file = relativeTestFile(root, module.moduleId)
    if (module.errors().length > 0) otherCauses.push(`${file} failed to load or run`)
    for (const suite of module.children.allSuites())
      if (suite.errors().length > 0) otherCauses.push(`a hook of ${file} > ${suite.fullName} failed`)
    for (const test of module.children.allTests()) {
      const result = test.result()
      const retries = test.diagnostic()?.retryCount ?? 0
      const fact = { file, fullName: test.fullName, attempts: retries + 1, firstError: result.errors?.[0]?.message }
      if (result.state === 'failed') failedTests.push(fact)
      else if (result.state === 'passed' && retries > 0 && !test.options.fails && (result.errors?.length ?? 0) > 0) passedOnRetry.push(fact)
    }
  }
  return { failures: { failedTests, otherCauses }, passedOnRetry }
}
