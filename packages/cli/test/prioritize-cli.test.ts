import { join } from 'node:path'
import { SqliteHistoryStore, type StoredRun } from '@aqe/core'
import { describe, expect, it } from 'vitest'
import { runAqe } from '../../../test-helpers/fixture.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

const DURATIONS: Record<string, number> = { 'test/a.test.ts': 400, 'test/b.test.ts': 300, 'test/c.test.ts': 200, 'test/d.test.ts': 100 }

function storedRun(n: number, failing: string[]): StoredRun {
  return {
    run: { runKey: `run-${n}`, runner: 'jest', startedAt: new Date(Date.UTC(2026, 0, 1, n)) },
    end: { outcome: failing.length > 0 ? 'failed' : 'passed', endedAt: new Date(Date.UTC(2026, 0, 1, n, 5)) },
    attempts: Object.entries(DURATIONS).map(([file, durationMs]) => ({
      file,
      fullName: 'works',
      attempt: 0,
      status: failing.includes(file) ? 'failed' : 'passed',
      durationMs,
    })),
  }
}

describe('aqe prioritize', () => {
  const tempDir = useTempDir()

  function store(): string {
    const db = join(tempDir(), 'history.db')
    const s = SqliteHistoryStore.open(db)
    s.addRuns([storedRun(1, []), storedRun(2, []), storedRun(3, ['test/a.test.ts'])])
    s.close()
    return db
  }

  it('lists the known files, the last failure first, and with a budget the ones that fit', async () => {
    const db = store()
    const result = await runAqe(['prioritize', '--db', db, '--budget', '50%', '--json'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.runsLearnt).toBe(3)
    expect(report.files.map((f: { file: string }) => f.file)[0]).toBe('test/a.test.ts')
    expect(report.files[0]).toMatchObject({ rank: 1, lastFailed: true, isNew: false, durationMs: 400, selected: true })
    // Half of 1000 ms: a (400) fits, then only d (100) still does.
    expect(report.budget).toEqual({ budgetMs: 500, selectedMs: 500, totalMs: 1000, selectedFiles: 2 })
    expect(report.files.filter((f: { selected: boolean }) => f.selected).map((f: { file: string }) => f.file)).toEqual([
      'test/a.test.ts',
      'test/d.test.ts',
    ])

    const table = await runAqe(['prioritize', '--db', db, '--budget', '0.45'])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('policy learnt from 3 runs; 4 test files known')
    expect(table.stdout).toContain('1 of 4 files fit the budget of 450ms: 400ms of 1.00s expected.')
  })

  it('exits 2 on a bad budget or a missing store, naming the problem', async () => {
    const bad = await runAqe(['prioritize', '--db', store(), '--budget', 'soon'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--budget must be a share of the total time such as 50%')
    const missing = await runAqe(['prioritize', '--db', join(tempDir(), 'none.db')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('No history store at')
  })
})
