import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runJest, runVitest } from '../../../test-helpers/fixture.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

const TOP_ROW = /\n1 +[\d.]+ +src\/retry\.ts:L20-L28 +statements +retry +7 statements never run/

describe('reporters print the top gaps after a coverage run when enabled', () => {
  const tempDir = useTempDir()

  it('Vitest, from the in-process map, even when a failing run writes no coverage files', async () => {
    const dir = tempDir()
    const result = await runVitest(
      join(dir, 'history.db'),
      ['--coverage.enabled', '--coverage.reporter=json', '--coverage.reportOnFailure=false', `--coverage.reportsDirectory=${dir}`],
      { AQE_GAPS: '3', FIXTURE_FAIL: 'fails on demand' },
    )
    expect(result.code).toBe(1)
    expect(existsSync(join(dir, 'coverage-final.json'))).toBe(false)
    expect(result.stderr).toContain('[aqe] coverage gaps\nCoverage: lines ')
    expect(result.stderr).toContain('Top 3 of ')
    expect(result.stderr).toMatch(TOP_ROW)
  })

  it('Jest, from the coverage map its coverage reporter hands over at the end of the run', async () => {
    const dir = tempDir()
    const result = await runJest(join(dir, 'history.db'), ['--coverage', `--coverageDirectory=${dir}`], { AQE_GAPS: '3' })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('Top 3 of ')
    expect(result.stderr).toMatch(TOP_ROW)
  })

  it('stays quiet by default', async () => {
    const dir = tempDir()
    const result = await runJest(join(dir, 'history.db'), ['--coverage', `--coverageDirectory=${dir}`])
    expect(result.stderr).not.toContain('coverage gaps')
  })
})
