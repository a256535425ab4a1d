import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listFiles, useCalcCopy } from '../../../test-helpers/calc-copy.js'
import { calcFixture, runAqe, runJest } from '../../../test-helpers/fixture.js'
import { runProcess } from '../../../test-helpers/run-process.js'
import { expectCoverageRose, fillEnv, sourceDigest, statsGaps, userFile } from './fill-gaps-e2e-helpers.js'

const aqeJest = join(calcFixture, 'node_modules', '@aqe', 'jest', 'dist', 'aqe-jest-bin.js')
const written = 'test/jest/stats.aqe.test.ts'

describe('fill-gaps with Jest (the fixture project)', () => {
  const copy = useCalcCopy()

  const dryRuns: Array<[string, (project: string) => Promise<{ code: number | null; stderr: string }>]> = [
    [
      'aqe-jest --aqe-fill-gaps',
      (p) => runProcess(process.execPath, [aqeJest, '--ci', '--aqe-fill-gaps'], { cwd: p, env: fillEnv(p), timeoutMs: 300_000 }),
    ],
    // Jest reads what follows `--` as a test path pattern too, so a pattern that matches the tests goes before it.
    [
      'jest --coverage test -- --aqe-fill-gaps',
      (p) => runJest(join(p, 'h.db'), ['--coverage', '--openHandlesTimeout=0', 'test', '--', '--aqe-fill-gaps'], fillEnv(p), p),
    ],
  ]

  for (const [entry, run] of dryRuns) {
    it(`${entry}: prints the accepted tests as a diff and writes nothing`, async () => {
      const project = copy()
      const before = listFiles(project)
      const digest = sourceDigest(project)
      const result = await run(project)
      expect(result.code, result.stderr.slice(-3000)).toBe(0)
      expect(result.stderr).toContain(`+++ b/${written}`)
      expect(result.stderr).toContain('aqe fill-gaps (jest, dry run)')
      expect(result.stderr).not.toContain('did not exit one second')
      expectCoverageRose(result.stderr)
      expect(listFiles(project).filter(userFile)).toEqual(before.filter(userFile))
      expect(sourceDigest(project)).toBe(digest)
    })
  }

  it('AQE_FILL_GAPS=write jest --coverage writes tests that then pass in the project suite', async () => {
    const project = copy()
    const result = await runJest(
      join(project, 'h.db'),
      ['--coverage', '--openHandlesTimeout=0'],
      fillEnv(project, { AQE_FILL_GAPS: 'write' }),
      project,
    )
    expect(result.code, result.stderr.slice(-3000)).toBe(0)
    expect(existsSync(join(project, written)), result.stderr.slice(-3000)).toBe(true)
    const suite = await runJest(join(project, 'h.db'), [], {}, project)
    expect(suite.code, suite.stderr.slice(-3000)).toBe(0)
    expect(suite.stderr).toContain('stats.aqe.test.ts')
  })

  it('without coverage, an AQE_FILL_GAPS run warns once and changes nothing', async () => {
    const project = copy()
    const result = await runJest(join(project, 'h.db'), [], fillEnv(project, { AQE_FILL_GAPS: '1' }), project)
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('fill-gaps needs a coverage run')
    expect(existsSync(join(project, written))).toBe(false)
  })

  it('aqe fill-gaps --runner jest --write on a coverage file: the gaps shrink', async () => {
    const project = copy()
    const coverage = (dir: string) => ['--coverage', '--coverageReporters=json', `--coverageDirectory=${dir}`]
    expect((await runJest(join(project, 'h.db'), coverage('cov-before'), {}, project)).code).toBe(0)
    const result = await runAqe(
      ['fill-gaps', '--runner', 'jest', '--only', 'stats', '--write', '--json', '--coverage', 'cov-before/coverage-final.json'],
      {
        cwd: project,
        env: { ...process.env, AQE_HISTORY_DB: join(project, 'h.db') },
      },
    )
    expect(result.code, result.stderr.slice(-3000)).toBe(0)
    const summary = JSON.parse(result.stdout) as { funnel: { generated: number; accepted: number }; suite: { passed: boolean } }
    expect(summary.funnel.accepted).toBeGreaterThan(0)
    expect(summary.suite.passed).toBe(true)
    expect(readFileSync(join(project, written), 'utf8')).toContain('expect(')
    expect((await runJest(join(project, 'h.db'), coverage('cov-after'), {}, project)).code).toBe(0)
    expect(await statsGaps(project, 'cov-after/coverage-final.json')).toBeLessThan(
      await statsGaps(project, 'cov-before/coverage-final.json'),
    )
  })
})
