import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { runJest, runVitest } from '../../../../test-helpers/fixture.js'

/** The four ways the fixture project can produce coverage: two runners, two providers each. */
export const COVERAGE_KINDS = ['jest-babel', 'jest-v8', 'vitest-v8', 'vitest-istanbul'] as const
/** One of {@link COVERAGE_KINDS}. */
export type CoverageKind = (typeof COVERAGE_KINDS)[number]

/** Runs the fixture's real suite with coverage into `dir` and returns the coverage-final.json path. */
export async function fixtureCoverage(kind: CoverageKind, dir: string): Promise<string> {
  const db = join(dir, 'history.db')
  const result =
    kind === 'jest-babel' || kind === 'jest-v8'
      ? await runJest(db, [
          '--coverage',
          `--coverageDirectory=${dir}`,
          '--coverageReporters=json',
          `--coverageProvider=${kind === 'jest-v8' ? 'v8' : 'babel'}`,
        ])
      : await runVitest(db, [
          '--coverage.enabled',
          '--coverage.reporter=json',
          `--coverage.provider=${kind === 'vitest-v8' ? 'v8' : 'istanbul'}`,
          `--coverage.reportsDirectory=${dir}`,
        ])
  const file = join(dir, 'coverage-final.json')
  if (result.code !== 0 || !existsSync(file))
    throw new Error(`${kind} coverage run failed (${result.code}):\n${result.stdout}\n${result.stderr}`)
  return file
}
