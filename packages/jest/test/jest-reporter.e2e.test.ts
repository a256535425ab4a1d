import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runJest } from '../../../test-helpers/fixture.js'
import { useScratchProject } from '../../../test-helpers/scratch-project.js'
import { storedExecutions, storedRuns } from '../../../test-helpers/store-rows.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

describe('Jest reporter on the fixture project', () => {
  const tempDir = useTempDir()
  const scratch = useScratchProject()

  it('records every attempt, retries included, without changing the run', async () => {
    const db = join(tempDir(), 'history.db')
    const result = await runJest(db)
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('[aqe]')
    expect(result.stderr).not.toContain('[aqe]')
    const all = storedExecutions(db)
    const retried = all.filter((r) => r.fullName === 'unstable > settles after one retry')
    expect(retried.map((r) => [r.attempt, r.status, r.final])).toEqual([
      [0, 'failed', 0],
      [1, 'passed', 1],
    ])
    expect(retried[0]?.errorMessage).toContain('toBeGreaterThan')
    expect(retried.every((r) => typeof r.durationMs === 'number')).toBe(true)
    expect(all.find((r) => r.fullName === 'unstable > is skipped')?.status).toBe('skipped')
    expect(all.find((r) => r.fullName === 'unstable > handles currencies without symbols')?.status).toBe('todo')
    expect(all.find((r) => r.fullName === 'stats > median > takes the middle of an odd list')?.file).toBe('test/jest/stats.test.ts')
    expect(all.filter((r) => r.final === 1)).toHaveLength(15)
    expect(storedRuns(db)).toEqual([{ runner: 'jest', outcome: 'passed', shard: null }])
  })

  it('stores all three attempts of a test that keeps failing, and the run still fails', async () => {
    const db = join(tempDir(), 'history.db')
    const result = await runJest(db, [], { FIXTURE_FAIL: 'fails on demand' })
    expect(result.code).toBe(1)
    const failing = storedExecutions(db).filter((r) => r.fullName === 'unstable > fails on demand')
    expect(failing.map((r) => [r.attempt, r.status])).toEqual([
      [0, 'failed'],
      [1, 'failed'],
      [2, 'failed'],
    ])
    expect(failing[2]?.errorMessage).toContain('toBe')
    expect(storedRuns(db)).toEqual([{ runner: 'jest', outcome: 'failed', shard: null }])
  })

  it('records the shard of a sharded run', async () => {
    const db = join(tempDir(), 'history.db')
    const result = await runJest(db, ['--shard=1/2'])
    expect(result.code).toBe(0)
    expect(storedRuns(db)).toEqual([{ runner: 'jest', outcome: 'passed', shard: '1/2' }])
  })

  it('records a file that fails to load under an empty test name', async () => {
    const db = join(tempDir(), 'history.db')
    const dir = scratch({
      'jest.config.cjs': "module.exports = { testMatch: ['<rootDir>/*.test.js'], reporters: ['default', '@aqe/jest'] }",
      'broken.test.js': "throw new Error('cannot load this file')\n",
      'fine.test.js': "test('fine', () => {})\n",
    })
    const result = await runJest(db, [], {}, dir)
    expect(result.code).toBe(1)
    const rows = storedExecutions(db)
    expect(rows).toContainEqual(
      expect.objectContaining({ file: 'broken.test.js', fullName: '', status: 'failed', errorMessage: 'cannot load this file' }),
    )
    expect(rows).toContainEqual(expect.objectContaining({ file: 'fine.test.js', fullName: 'fine', status: 'passed' }))
    expect(storedRuns(db)).toEqual([{ runner: 'jest', outcome: 'failed', shard: null }])
  })

  it('leaves stdout to Jest', async () => {
    const db = join(tempDir(), 'history.db')
    const withAqe = await runJest(db, ['--json'])
    const report = JSON.parse(withAqe.stdout) as { numTotalTests: number }
    expect(report.numTotalTests).toBe(15)
  })
})
