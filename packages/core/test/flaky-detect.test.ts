import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { detectFlaky } from '../src/flaky/detect-flaky.js'
import { newlyFlaky } from '../src/flaky/newly-flaky.js'
import type { AttemptRecord } from '../src/record/types.js'
import { SqliteHistoryStore, type StoredRun } from '../src/store/sqlite-history-store.js'

const NOW = new Date('2026-03-01T00:00:00.000Z')
const file = 'test/a.test.ts'

function run(i: number, attempts: AttemptRecord[], commit = `c${i}`): StoredRun {
  return {
    run: { runKey: `r${i}`, runner: 'vitest', startedAt: new Date(NOW.getTime() - (100 - i) * 3_600_000), commit, branch: 'main' },
    end: { outcome: 'passed', endedAt: NOW },
    attempts,
  }
}

const ok = (name: string): AttemptRecord => ({ file, fullName: name, attempt: 0, status: 'passed' })
const bad = (name: string, attempt = 0): AttemptRecord => ({
  file,
  fullName: name,
  attempt,
  status: 'failed',
  errorMessage: `${name} broke`,
})
const tenTests = Array.from({ length: 10 }, (_, i) => `t${i}`)

describe('detectFlaky over a real store', () => {
  const tempDir = useTempDir()

  it('classifies every test from the stored attempts, worst first, and leaves storms out', () => {
    const store = SqliteHistoryStore.open(join(tempDir(), 'history.db'))
    const runs: StoredRun[] = []
    for (let i = 0; i < 12; i++) {
      const attempts = tenTests.map(ok)
      if (i === 4) attempts.splice(0, 1, bad('t0'), { ...ok('t0'), attempt: 1 })
      if (i >= 9) attempts.splice(1, 1, bad('t1'), bad('t1', 1), bad('t1', 2))
      runs.push(run(i, attempts))
    }
    // A storm: nine of ten tests fail at once, retries included; it must not make anything flaky.
    runs.push(run(50, [...tenTests.slice(0, 9).flatMap((t) => [bad(t), { ...ok(t), attempt: 1 }]), ok('t9')]))
    store.addRuns(runs)
    const verdicts = detectFlaky(store.db, {}, NOW)
    store.close()
    expect(verdicts).toHaveLength(10)
    expect(verdicts.map((v) => [v.fullName, v.state]).slice(0, 3)).toEqual([
      ['t1', 'broken'],
      ['t0', 'flaky'],
      ['t2', 'healthy'],
    ])
    const t0 = verdicts.find((v) => v.fullName === 't0')
    expect(t0?.evidence.stormRunsExcluded).toBe(1)
    expect(t0?.evidence.lastFailureMessage).toBe('t0 broke')
    expect(verdicts.filter((v) => v.state === 'flaky')).toHaveLength(1)
  })

  it('only looks at runs inside the window', () => {
    const store = SqliteHistoryStore.open(join(tempDir(), 'history.db'))
    store.addRuns([run(0, [bad('t0'), { ...ok('t0'), attempt: 1 }])])
    expect(detectFlaky(store.db, { windowDays: 30 }, NOW)[0]?.state).toBe('flaky')
    expect(detectFlaky(store.db, { windowDays: 1 }, NOW)).toEqual([])
    store.close()
  })
})

describe('newlyFlaky', () => {
  const tempDir = useTempDir()

  it('keeps only tests that never failed before the run, and none when the store is unreadable', () => {
    const db = join(tempDir(), 'history.db')
    const store = SqliteHistoryStore.open(db)
    const retry = (name: string) => [bad(name), { ...ok(name), attempt: 1 }]
    const now = {
      ...run(100, [...retry('old'), ...retry('fresh')]),
      run: { runKey: 'now', runner: 'vitest', startedAt: NOW, commit: 'c100' },
    }
    store.addRuns([run(0, [...retry('old'), ok('fresh')]), now])
    store.close()
    const retried = ['old', 'fresh', 'unrecorded'].map((fullName) => ({ file, fullName, attempts: 2 }))
    expect(newlyFlaky(db, NOW, retried).map((t) => t.fullName)).toEqual(['fresh'])
    expect(newlyFlaky(join(tempDir(), 'missing.db'), NOW, retried)).toEqual([])
  })
})
