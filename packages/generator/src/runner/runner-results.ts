import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import type { CoverageMapData } from 'istanbul-lib-coverage'
import type { CandidateRun, CaseResult } from './project-runner.js'

interface JsonAssertion {
  title: string
  fullName?: string
  ancestorTitles?: string[]
  status: string
  failureMessages?: string[]
  retryReasons?: string[]
  invocations?: number
}

interface JsonFileResult {
  name: string
  status?: string
  message?: string
  failureMessage?: string | null
  assertionResults?: JsonAssertion[]
}

/**
 * Reads the Jest-format JSON results that both runners write (`--json` for Jest, the `json`
 * reporter for Vitest) and the json coverage report, into one CandidateRun.
 */
export function readRunResults(
  resultsFile: string,
  coverageFile: string,
  root: string,
  outcome: { exitCode: number | null; timedOut: boolean; output: string },
): CandidateRun {
  const cases: CaseResult[] = []
  const fileErrors: CandidateRun['fileErrors'] = []
  if (existsSync(resultsFile)) {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { testResults?: JsonFileResult[] }
    for (const fileResult of results.testResults ?? []) {
      const file = isAbsolute(fileResult.name) ? fileResult.name : resolve(root, fileResult.name)
      const assertions = fileResult.assertionResults ?? []
      const message = fileResult.message || fileResult.failureMessage || ''
      if (assertions.length === 0 && (fileResult.status === 'failed' || message)) {
        fileErrors.push({ file, message: message || 'the file failed to run' })
        continue
      }
      for (const a of assertions) {
        cases.push({
          file,
          title: a.title,
          fullName: a.fullName ?? [...(a.ancestorTitles ?? []), a.title].join(' '),
          status: a.status === 'passed' ? 'passed' : a.status === 'failed' ? 'failed' : 'skipped',
          failures: a.failureMessages ?? [],
          retried: (a.retryReasons?.length ?? 0) > 0 || (a.invocations ?? 1) > 1,
        })
      }
    }
  }
  const coverage = existsSync(coverageFile) ? (JSON.parse(readFileSync(coverageFile, 'utf8')) as CoverageMapData) : undefined
  return { cases, fileErrors, coverage, ...outcome }
}
