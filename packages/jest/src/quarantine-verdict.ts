import { type RecorderOptions, VERDICT_ENV, writeVerdictOnExit } from '@aqe/core'
import type { AggregatedResult } from '@jest/reporters'
import type { Config } from '@jest/types'
import { jestRunFacts } from './jest-run-failures.js'
import { watchReporterErrors } from './reporter-error-watch.js'

/**
 * Prepares the verdict that `aqe run -- jest …` needs to apply quarantine (a Jest reporter
 * cannot turn a failed run green). Returns undefined outside `aqe run`; otherwise a function for
 * `onRunComplete` that arranges for the verdict to be written when Jest exits.
 */
export function prepareQuarantineVerdict(
  globalConfig: Config.GlobalConfig,
  options: RecorderOptions,
  env: NodeJS.ProcessEnv = process.env,
): ((results: AggregatedResult) => void) | undefined {
  if (!env[VERDICT_ENV]) return undefined
  const reporterErrors = watchReporterErrors(globalConfig.rootDir)
  return (results) =>
    writeVerdictOnExit(() => ({
      version: 1,
      runner: 'jest',
      root: globalConfig.rootDir,
      ...(options.db ? { db: options.db } : {}),
      testFailureExitCode: globalConfig.testFailureExitCode,
      ...jestRunFacts(globalConfig, results, reporterErrors),
    }))
}
