import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { listFiles } from '../../../test-helpers/calc-copy.js'
import { runAqe } from '../../../test-helpers/fixture.js'

/** The environment every fill-gaps run of these tests gets: one small target, its own store. */
export function fillEnv(project: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { AQE_FILL_GAPS_ONLY: 'stats', AQE_FILL_GAPS_TOP: '1', AQE_HISTORY_DB: join(project, '.aqe', 'history.db'), ...extra }
}

/** Fingerprints of the project's source files: fill-gaps must never change them. */
export function sourceDigest(project: string): string {
  const hash = createHash('sha256')
  for (const file of listFiles(join(project, 'src'))) hash.update(file).update(readFileSync(join(project, 'src', file)))
  return hash.digest('hex')
}

/** Reads "statements A% → B%" for stats.ts from a summary and checks coverage rose. */
export function expectCoverageRose(stderr: string): void {
  const match = /src\/stats\.ts: statements ([\d.]+)% → ([\d.]+)%, branches ([\d.]+)% → ([\d.]+)%, gaps (\d+) → (\d+)/.exec(stderr)
  expect(match, stderr.slice(-2000)).not.toBeNull()
  const [, stmtBefore, stmtAfter, , , gapsBefore, gapsAfter] = (match as RegExpExecArray).map(Number)
  expect(stmtAfter).toBeGreaterThan(stmtBefore as number)
  expect(gapsAfter).toBeLessThan(gapsBefore as number)
}

/** The number of gaps `aqe gaps` reports for stats.ts from a coverage file. */
export async function statsGaps(project: string, coverage: string): Promise<number> {
  const result = await runAqe(['gaps', '--json', '--coverage', coverage], {
    cwd: project,
    env: { ...process.env, AQE_HISTORY_DB: join(project, '.aqe', 'h.db') },
  })
  expect(result.code, result.stderr).toBe(0)
  const report = JSON.parse(result.stdout) as { gaps: Array<{ file: string }> }
  return report.gaps.filter((gap) => gap.file === 'src/stats.ts').length
}

/** Files a user owns: not aqe's store, coverage output or the runners' caches. */
export const userFile = (file: string) => !/^(?:\.aqe|coverage|node_modules)\//.test(file)
