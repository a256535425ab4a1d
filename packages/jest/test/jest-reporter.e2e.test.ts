import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeRecording } from '../../../test-helpers/describe-recording.js'
import { runJest } from '../../../test-helpers/fixture.js'
import { useScratchProject } from '../../../test-helpers/scratch-project.js'
import { storedExecutions, storedRuns } from '../../../test-helpers/store-rows.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

describeRecording({
  runner: 'jest',
  run: (db, args, env) => runJest(db, args, env),
  retryMessage: 'toBeGreaterThan',
  failureMessage: 'toBe',
  durationPerAttempt: true,
  shard: '1/2',
})

describe('Jest reporter, beyond the shared cases', () => {
  const tempDir = useTempDir()
  const scratch = useScratchProject()

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
