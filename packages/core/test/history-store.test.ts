import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { isAqeError } from '../src/errors.js'
import { summarizeHistory } from '../src/store/history-summary.js'
import { migrations } from '../src/store/migrations.js'
import { SqliteHistoryStore } from '../src/store/sqlite-history-store.js'
import { passed, runInfo, sampleRun } from './store-helpers.js'

describe('SqliteHistoryStore', () => {
  const tempDir = useTempDir()

  it('creates the store with its directory, in WAL mode, with migrations recorded', () => {
    const path = join(tempDir(), 'nested', '.aqe', 'history.db')
    const store = SqliteHistoryStore.open(path)
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.db.prepare('SELECT name FROM aqe_migrations ORDER BY rowid').pluck().all()).toEqual(migrations.map((m) => m.name))
    store.close()
    expect(existsSync(path)).toBe(true)
  })

  it('records runs and attempts, marking the last attempt of each test final', () => {
    const store = SqliteHistoryStore.open(join(tempDir(), 'h.db'))
    const id = store.beginRun(runInfo('r1'))
    store.addAttempts(id, sampleRun('r1').attempts)
    store.endRun(id, { outcome: 'passed', endedAt: new Date('2026-01-02T03:04:06.000Z') })
    const rows = store.db
      .prepare(
        'SELECT t.full_name AS name, e.attempt, e.final, e.status, e.error_signature AS sig FROM executions e JOIN tests t ON t.id = e.test_id ORDER BY e.id',
      )
      .all()
    expect(rows).toEqual([
      { name: 'suite > flaky', attempt: 0, final: 0, status: 'failed', sig: 'Error: timeout after <n>ms' },
      { name: 'suite > flaky', attempt: 1, final: 1, status: 'passed', sig: null },
      { name: 'suite > ok', attempt: 0, final: 1, status: 'passed', sig: null },
      { name: 'later', attempt: 0, final: 1, status: 'todo', sig: null },
    ])
    expect(store.db.prepare('SELECT outcome, ended_at AS endedAt FROM runs').get()).toEqual({
      outcome: 'passed',
      endedAt: '2026-01-02T03:04:06.000Z',
    })
    expect(store.beginRun(runInfo('r1'))).toBe(id)
    store.close()
  })

  it('summarises runs, tests, outcomes, slowest and most-failing tests', () => {
    const store = SqliteHistoryStore.open(join(tempDir(), 'h.db'))
    store.addRuns([sampleRun('r1'), sampleRun('r2')])
    const id = store.beginRun(runInfo('r3', { startedAt: new Date('2026-02-01T00:00:00Z') }))
    store.addAttempts(id, [passed('suite > ok', 'test/a.test.ts', 100)])
    const summary = summarizeHistory(store.db, 2)
    expect(summary).toMatchObject({
      runs: 3,
      tests: 3,
      executions: 9,
      byStatus: { passed: 5, failed: 2, skipped: 0, todo: 2 },
      firstRunAt: '2026-01-02T03:04:05.000Z',
      lastRunAt: '2026-02-01T00:00:00.000Z',
    })
    expect(summary.mostFailing).toEqual([
      {
        testId: 'test/a.test.ts > suite > flaky',
        file: 'test/a.test.ts',
        fullName: 'suite > flaky',
        runs: 2,
        failedAttempts: 2,
        failedRuns: 0,
        meanDurationMs: 12,
      },
    ])
    expect(summary.slowest.map((t) => [t.testId, t.meanDurationMs])).toEqual([
      ['test/a.test.ts > suite > ok', 110 / 3],
      ['test/a.test.ts > suite > flaky', 12],
    ])
    expect(summary.recentRuns[0]).toMatchObject({ runKey: 'r3', outcome: 'running', executions: 1 })
    store.close()
  })

  it('adds runs idempotently by run key', () => {
    const store = SqliteHistoryStore.open(join(tempDir(), 'h.db'))
    expect(store.addRuns([sampleRun('r1')])).toEqual({ runsAdded: 1, runsSkipped: 0, executionsAdded: 4 })
    expect(store.addRuns([sampleRun('r1'), sampleRun('r2')])).toEqual({ runsAdded: 1, runsSkipped: 1, executionsAdded: 4 })
    expect(store.db.prepare('SELECT count(*) FROM executions').pluck().get()).toBe(8)
    store.close()
  })

  it('refuses a corrupt file without touching it', () => {
    const path = join(tempDir(), 'h.db')
    writeFileSync(path, 'this is not a database, but someone cares about it'.repeat(100))
    const before = readFileSync(path)
    const error = (() => {
      try {
        SqliteHistoryStore.open(path)
      } catch (e) {
        return e
      }
    })()
    expect(isAqeError(error, 'AQE_STORE_CORRUPT')).toBe(true)
    expect((error as Error).message).toMatch(/not a valid SQLite database.*move it aside or delete it/)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('says what to do when the store is missing and only reading was asked for', () => {
    const path = join(tempDir(), 'none.db')
    expect(() => SqliteHistoryStore.open(path, { readonly: true })).toThrow(/No history store at .*none\.db.*aqe reporter/)
    expect(existsSync(path)).toBe(false)
  })

  it('refuses a store written by a newer aqe', () => {
    const path = join(tempDir(), 'h.db')
    SqliteHistoryStore.open(path).close()
    const db = new Database(path)
    db.prepare("INSERT INTO aqe_migrations VALUES ('9999-future', '2030-01-01')").run()
    db.close()
    expect(() => SqliteHistoryStore.open(path)).toThrow(expect.objectContaining({ code: 'AQE_STORE_NEWER' }))
  })
})
