import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runVitest } from '../../../test-helpers/fixture.js'
import { useScratchProject } from '../../../test-helpers/scratch-project.js'
import { storedExecutions, storedRuns } from '../../../test-helpers/store-rows.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

describe('Vitest reporter on the fixture project', () => {
  const tempDir = useTempDir()
  const scratch = useScratchProject()

  it('records every attempt, retries included, without changing the run', async () => {
    const db = join(tempDir(), 'history.db')
    const result = await runVitest(db)
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('[aqe]')
    expect(result.stderr).not.toContain('[aqe]')
    const all = storedExecutions(db)
    const retried = all.filter((r) => r.fullName === 'unstable > settles after one retry')
    expect(retried.map((r) => [r.attempt, r.status, r.final])).toEqual([
      [0, 'failed', 0],
      [1, 'passed', 1],
    ])
    expect(retried[0]?.errorMessage).toContain('expected 0 to be greater than 0')
    expect(all.find((r) => r.fullName === 'unstable > is skipped')?.status).toBe('skipped')
    expect(all.find((r) => r.fullName === 'unstable > handles currencies without symbols')?.status).toBe('todo')
    expect(all.find((r) => r.fullName === 'stats > median > takes the middle of an odd list')?.file).toBe('test/vitest/stats.test.ts')
    expect(all.filter((r) => r.final === 1)).toHaveLength(15)
  })

  it('stores all three attempts of a test that keeps failing, and the run still fails', async () => {
    const db = join(tempDir(), 'history.db')
    const result = await runVitest(db, [], { FIXTURE_FAIL: 'fails on demand' })
    expect(result.code).toBe(1)
    const failing = storedExecutions(db).filter((r) => r.fullName === 'unstable > fails on demand')
    expect(failing.map((r) => [r.attempt, r.status])).toEqual([
      [0, 'failed'],
      [1, 'failed'],
      [2, 'failed'],
    ])
    expect(storedRuns(db)).toEqual([{ runner: 'vitest', outcome: 'failed', shard: null }])
  })

  it('records the shard of a sharded run', async () => {
    const db = join(tempDir(), 'history.db')
    expect((await runVitest(db, ['--shard=2/2'])).code).toBe(0)
    expect(storedRuns(db)).toEqual([{ runner: 'vitest', outcome: 'passed', shard: '2/2' }])
  })

  it('records a file that fails to load under an empty test name, next to the reporters the CLI chose', async () => {
    const db = join(tempDir(), 'history.db')
    const dir = scratch({
      'vitest.config.mjs': "import { aqe } from '@aqe/vitest'\nexport default { plugins: [aqe()], test: { include: ['*.test.js'] } }\n",
      'broken.test.js': "throw new Error('cannot load this file')\n",
      'fine.test.js': "import { test } from 'vitest'\ntest('fine', () => {})\n",
    })
    const result = await runVitest(db, ['--reporter=verbose'], {}, dir)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('✓ fine.test.js > fine')
    const rows = storedExecutions(db)
    expect(rows).toContainEqual(
      expect.objectContaining({ file: 'broken.test.js', fullName: '', status: 'failed', errorMessage: 'cannot load this file' }),
    )
    expect(rows).toContainEqual(expect.objectContaining({ file: 'fine.test.js', fullName: 'fine', status: 'passed' }))
    expect(storedRuns(db)).toEqual([{ runner: 'vitest', outcome: 'failed', shard: null }])
  })

  it('works as a reporter named in the config, without the plugin', async () => {
    const db = join(tempDir(), 'history.db')
    const dir = scratch({
      'vitest.config.mjs': "export default { test: { include: ['*.test.js'], reporters: ['default', '@aqe/vitest/reporter'] } }\n",
      'ok.test.js': "import { test } from 'vitest'\ntest('ok', () => {})\n",
    })
    expect((await runVitest(db, [], {}, dir)).code).toBe(0)
    expect(storedExecutions(db)).toMatchObject([{ file: 'ok.test.js', fullName: 'ok', status: 'passed', final: 1 }])
  })
})
