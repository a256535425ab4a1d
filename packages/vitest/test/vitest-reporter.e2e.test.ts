import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeRecording } from '../../../test-helpers/describe-recording.js'
import { runVitest } from '../../../test-helpers/fixture.js'
import { useScratchProject } from '../../../test-helpers/scratch-project.js'
import { storedExecutions, storedRuns } from '../../../test-helpers/store-rows.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

describeRecording({
  runner: 'vitest',
  run: (db, args, env) => runVitest(db, args, env),
  retryMessage: 'expected 0 to be greater than 0',
  failureMessage: "expected 'broken' to be 'ok'",
  durationPerAttempt: false,
  shard: '2/2',
})

describe('Vitest reporter, beyond the shared cases', () => {
  const tempDir = useTempDir()
  const scratch = useScratchProject()

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
