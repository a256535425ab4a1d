import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listFiles, useCalcCopy } from '../../../test-helpers/calc-copy.js'
import { calcFixture, runAqe, runVitest } from '../../../test-helpers/fixture.js'
import { runProcess } from '../../../test-helpers/run-process.js'
import { expectCoverageRose, fillEnv, sourceDigest, statsGaps, userFile } from './fill-gaps-e2e-helpers.js'

const aqeVitest = join(calcFixture, 'node_modules', '@aqe', 'vitest', 'dist', 'aqe-vitest-bin.js')
const written = 'test/vitest/stats.aqe.test.ts'

describe('fill-gaps with Vitest (the fixture project)', () => {
  const copy = useCalcCopy()

  const dryRuns: Array<[string, (project: string) => Promise<{ code: number | null; stderr: string }>]> = [
    ['vitest run -- --aqe-fill-gaps', (p) => runVitest(join(p, 'h.db'), ['--', '--aqe-fill-gaps'], fillEnv(p), p)],
    ['vitest run --mode aqe-fill-gaps', (p) => runVitest(join(p, 'h.db'), ['--mode', 'aqe-fill-gaps'], fillEnv(p), p)],
    [
      'aqe-vitest run --aqe-fill-gaps',
      (p) => runProcess(process.execPath, [aqeVitest, 'run', '--aqe-fill-gaps'], { cwd: p, env: fillEnv(p), timeoutMs: 300_000 }),
    ],
  ]

  for (const [entry, run] of dryRuns) {
    it(`${entry}: prints the accepted tests as a diff, writes nothing, keeps the run's exit code`, async () => {
      const project = copy()
      const before = listFiles(project)
      const digest = sourceDigest(project)
      const result = await run(project)
      expect(result.code, result.stderr.slice(-3000)).toBe(0)
      expect(result.stderr).toContain(`+++ b/${written}`)
      expect(result.stderr).toContain('aqe fill-gaps (vitest, dry run)')
      expectCoverageRose(result.stderr)
      expect(listFiles(project).filter(userFile)).toEqual(before.filter(userFile))
      expect(sourceDigest(project)).toBe(digest)
    })
  }

  it('AQE_FILL_GAPS=write writes tests that then pass in the project suite', async () => {
    const project = copy()
    const digest = sourceDigest(project)
    const result = await runVitest(join(project, 'h.db'), [], fillEnv(project, { AQE_FILL_GAPS: 'write' }), project)
    expect(result.code, result.stderr.slice(-3000)).toBe(0)
    expect(existsSync(join(project, written)), result.stderr.slice(-3000)).toBe(true)
    expect(sourceDigest(project)).toBe(digest)
    const suite = await runVitest(join(project, 'h.db'), [], {}, project)
    expect(suite.code, suite.stdout.slice(-3000)).toBe(0)
    expect(suite.stdout).toContain('stats.aqe.test.ts')
  })

  it('aqe fill-gaps --write on a coverage file: the gaps shrink and the suite passes', async () => {
    const project = copy()
    const coverage = (dir: string) => ['--coverage.enabled', '--coverage.reporter=json', `--coverage.reportsDirectory=${dir}`]
    expect((await runVitest(join(project, 'h.db'), coverage('cov-before'), {}, project)).code).toBe(0)
    const result = await runAqe(
      ['fill-gaps', '--runner', 'vitest', '--only', 'stats', '--write', '--coverage', 'cov-before/coverage-final.json'],
      {
        cwd: project,
        env: { ...process.env, AQE_HISTORY_DB: join(project, 'h.db') },
      },
    )
    expect(result.code, result.stderr.slice(-3000)).toBe(0)
    expect(readFileSync(join(project, written), 'utf8')).toContain("from '../../src/stats'")
    expect(result.stdout).toBe('')
    expect((await runVitest(join(project, 'h.db'), coverage('cov-after'), {}, project)).code).toBe(0)
    expect(await statsGaps(project, 'cov-after/coverage-final.json')).toBeLessThan(
      await statsGaps(project, 'cov-before/coverage-final.json'),
    )
    expect(listFiles(dirname(join(project, written))).filter((f) => f.includes('.candidate-'))).toEqual([])
  })
})
