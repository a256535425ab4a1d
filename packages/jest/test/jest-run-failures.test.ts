import type { AggregatedResult } from '@jest/reporters'
import type { Config } from '@jest/types'
import { describe, expect, it } from 'vitest'
import { jestRunFacts } from '../src/jest-run-failures.js'

const globalConfig = { rootDir: '/p', collectCoverage: false, coverageThreshold: undefined } as unknown as Config.GlobalConfig

function results(overrides: Partial<AggregatedResult> = {}): AggregatedResult {
  return {
    numFailedTests: 1,
    numRuntimeErrorTestSuites: 0,
    numTotalTestSuites: 1,
    wasInterrupted: false,
    snapshot: { failure: false },
    testResults: [
      {
        testFilePath: '/p/a.test.ts',
        testResults: [
          {
            ancestorTitles: ['s'],
            title: 'q',
            status: 'failed',
            invocations: 3,
            retryReasons: ['Error: first'],
            failureMessages: ['Error: last'],
          },
          { ancestorTitles: ['s'], title: 'r', status: 'passed', invocations: 2, retryReasons: ['Error: once'], failureMessages: [] },
        ],
      },
    ],
    ...overrides,
  } as unknown as AggregatedResult
}

describe('jestRunFacts', () => {
  it('separates failed tests, tests that passed on retry, and nothing else for a plain failed run', () => {
    const facts = jestRunFacts(globalConfig, results(), [])
    expect(facts.failures).toEqual({
      failedTests: [{ file: 'a.test.ts', fullName: 's > q', attempts: 3, firstError: 'Error: first' }],
      otherCauses: [],
    })
    expect(facts.passedOnRetry).toEqual([{ file: 'a.test.ts', fullName: 's > r', attempts: 2, firstError: 'Error: once' }])
  })

  it('names every cause that is not a test failure', () => {
    const facts = jestRunFacts(
      globalConfig,
      results({
        wasInterrupted: true,
        numRuntimeErrorTestSuites: 1,
        numTotalTestSuites: 3,
        snapshot: { failure: true } as AggregatedResult['snapshot'],
      }),
      ['Jest: Coverage for lines (0%) does not meet "global" threshold (100%)'],
    )
    expect(facts.failures.otherCauses).toEqual([
      'the run was interrupted',
      'snapshots failed (unchecked, obsolete or unwritten with --ci)',
      'only 1 of 3 test files ran (--bail stopped the run)',
      '1 test file(s) failed to run',
      'a reporter failed the run: Jest: Coverage for lines (0%) does not meet "global" threshold (100%)',
    ])
  })

  it('assumes coverage thresholds failed when it cannot watch the other reporters', () => {
    const withThresholds = {
      ...globalConfig,
      collectCoverage: true,
      coverageThreshold: { global: { lines: 90 } },
    } as unknown as Config.GlobalConfig
    expect(jestRunFacts(withThresholds, results(), undefined).failures.otherCauses).toEqual([
      'coverage thresholds are set and aqe cannot see whether they passed',
    ])
    expect(jestRunFacts(withThresholds, results(), []).failures.otherCauses).toEqual([])
  })
})
