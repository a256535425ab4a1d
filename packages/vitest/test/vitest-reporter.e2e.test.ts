import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { runVitest } from '../../../test-helpers/fixture.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

interface Row {
  fullName: string
  file: string
  attempt: number
  final: number
  status: string
  durationMs: number | null
  errorMessage: string | null
}

function rows(db: string): Row[] {
  const conn = new Database(db, { readonly: true })
  try {
    return conn
      .prepare(
        `SELECT t.full_name AS fullName, t.file, e.attempt, e.final, e.status, e.duration_ms AS durationMs, e.error_message AS errorMessage
         FROM executions e JOIN tests t ON t.id = e.test_id ORDER BY t.full_name, e.attempt`,
      )
      .all() as Row[]
  } finally {
    conn.close()
  }
}

describe('Vitest reporter on the fixture project', () => {
  const tempDir = useTempDir()

  it('records every attempt, retries included, without changing the run', async () => {
    const db = join(tempDir(), 'history.db')
    const result = await runVitest(db)
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('[aqe]')
    expect(result.stderr).not.toContain('[aqe]')
    const all = rows(db)
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
    const failing = rows(db).filter((r) => r.fullName === 'unstable > fails on demand')
    expect(failing.map((r) => [r.attempt, r.status])).toEqual([
      [0, 'failed'],
      [1, 'failed'],
      [2, 'failed'],
    ])
    const conn = new Database(db, { readonly: true })
    expect(conn.prepare('SELECT runner, outcome FROM runs').get()).toEqual({ runner: 'vitest', outcome: 'failed' })
    conn.close()
  })
})
