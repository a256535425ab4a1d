import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runJest, runVitest } from '../../../test-helpers/fixture.js'
import { storedExecutions, storedRuns } from '../../../test-helpers/store-rows.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

describe('two runners writing one store at once', () => {
  const tempDir = useTempDir()

  it('lose nothing and warn about nothing', async () => {
    const db = join(tempDir(), 'shared.db')
    const [jest, vitest, jestShard] = await Promise.all([runJest(db), runVitest(db), runJest(db, ['--shard=2/2'])])
    for (const result of [jest, vitest, jestShard]) {
      expect(result.code).toBe(0)
      expect(result.stderr).not.toContain('[aqe]')
    }
    const runs = storedRuns(db)
    expect(runs.map((r) => `${r.runner}:${r.outcome}:${r.shard}`).sort()).toEqual([
      'jest:passed:2/2',
      'jest:passed:null',
      'vitest:passed:null',
    ])
    const rows = storedExecutions(db)
    expect(rows.filter((r) => r.file.startsWith('test/vitest/') && r.final === 1)).toHaveLength(15)
    expect(rows.filter((r) => r.file.startsWith('test/jest/') && r.final === 1).length).toBeGreaterThan(15)
  })
})
