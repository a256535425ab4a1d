import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runJest } from '../../../test-helpers/fixture.js'
import { fileOrderOfRuns, policyLearntUpTo } from '../../../test-helpers/run-order.js'
import { useScratchProject } from '../../../test-helpers/scratch-project.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo']

// Five test files, any of which fails when its name is listed in AQE_E2E_FAIL.
const project: Record<string, string> = {
  'jest.config.js': `export default {
  testMatch: ['<rootDir>/tests/*.test.cjs'],
  reporters: ['default', '@aqe/jest'],
  testSequencer: '@aqe/jest/sequencer',
}
`,
  ...Object.fromEntries(
    NAMES.map((name) => [
      `tests/${name}.test.cjs`,
      `test('${name} works', () => {
  if ((process.env.AQE_E2E_FAIL ?? '').split(',').includes('${name}')) throw new Error('${name} broke')
})
`,
    ]),
  ),
}

describe('Jest sequencer on a real project', () => {
  const tempDir = useTempDir()
  const scratch = useScratchProject()

  it('runs the file that failed in the previous run first', async () => {
    const dir = scratch(project)
    const db = join(tempDir(), 'history.db')
    expect((await runJest(db, ['-i'], {}, dir)).code).toBe(0)
    expect((await runJest(db, ['-i'], {}, dir)).code).toBe(0)
    const victim = fileOrderOfRuns(db)[1]?.at(-1) as string
    const victimName = victim.replace(/^tests\/(.*)\.test\.cjs$/, '$1')
    const failing = await runJest(db, ['-i'], { AQE_E2E_FAIL: victimName }, dir)
    expect(failing.code).toBe(1)
    expect((await runJest(db, ['-i'], {}, dir)).code).toBe(0)
    const orders = fileOrderOfRuns(db)
    expect(orders[1]?.[0]).not.toBe(victim)
    expect(orders[3]?.[0]).toBe(victim)
    expect(orders[3]).toHaveLength(NAMES.length)
    // The order came from aqe's agent: before the fourth run it learnt the first three and saved its policy.
    expect(policyLearntUpTo(db)).toBe(3)
  })

  it("is one line with withAqe, and reads the store named by the reporter's db option", async () => {
    const dir = scratch({
      ...project,
      'jest.config.js': `import { withAqe } from '@aqe/jest'

export default withAqe({ testMatch: ['<rootDir>/tests/*.test.cjs'] }, { db: 'custom/history.db', prioritise: true })
`,
    })
    const envDb = join(tempDir(), 'ignored.db')
    expect((await runJest(envDb, ['-i'], {}, dir)).code).toBe(0)
    expect((await runJest(envDb, ['-i'], {}, dir)).code).toBe(0)
    expect(policyLearntUpTo(join(dir, 'custom', 'history.db'))).toBe(1)
  })

  it('splits shards the same way whatever history each shard sees', async () => {
    const dir = scratch(project)
    const db = join(tempDir(), 'history.db')
    expect([0, 1]).toContain((await runJest(db, ['-i', '--shard=1/2'], { AQE_E2E_FAIL: 'alpha,echo' }, dir)).code)
    expect((await runJest(db, ['-i', '--shard=2/2'], {}, dir)).code).toBe(0)
    const [first = [], second = []] = fileOrderOfRuns(db)
    expect([...first, ...second].sort()).toEqual(NAMES.map((name) => `tests/${name}.test.cjs`))

    const freshDb = join(tempDir(), 'fresh.db')
    expect((await runJest(freshDb, ['-i', '--shard=2/2'], {}, dir)).code).toBe(0)
    expect([...(fileOrderOfRuns(freshDb)[0] ?? [])].sort()).toEqual([...second].sort())
  })
})
