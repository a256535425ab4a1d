import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { parseJsonl } from '../src/io/jsonl-format.js'
import { RunRecorder } from '../src/record/run-recorder.js'
import { SqliteHistoryStore } from '../src/store/sqlite-history-store.js'
import { runInfo, sampleRun } from './store-helpers.js'

const end = { outcome: 'failed' as const, endedAt: new Date('2026-01-02T03:04:06.000Z') }

function record(dbPath: string, key: string, busyTimeoutMs?: number): string[] {
  const warnings: string[] = []
  const recorder = new RunRecorder({ dbPath, run: runInfo(key), warn: (m) => warnings.push(m), busyTimeoutMs })
  recorder.record(sampleRun(key).attempts.slice(0, 2))
  recorder.record(sampleRun(key).attempts.slice(2))
  recorder.finish(end)
  return warnings
}

describe('RunRecorder', () => {
  const tempDir = useTempDir()

  it('writes a run to the store without a word', () => {
    const dbPath = join(tempDir(), '.aqe', 'history.db')
    expect(record(dbPath, 'ok')).toEqual([])
    const db = new Database(dbPath, { readonly: true })
    expect(db.prepare('SELECT outcome FROM runs').pluck().get()).toBe('failed')
    expect(db.prepare('SELECT count(*) FROM executions').pluck().get()).toBe(4)
    db.close()
  })

  it('keeps a run aside, with one warning, when the store is corrupt, and leaves the file alone', () => {
    const dir = tempDir()
    const dbPath = join(dir, 'history.db')
    writeFileSync(dbPath, 'garbage'.repeat(1000))
    const warnings = record(dbPath, 'corrupt')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /not a valid SQLite database.*kept in .*aqe-unsaved-corrupt\.jsonl instead; add them later with: aqe history import .* The test run is not affected\./,
    )
    expect(readFileSync(dbPath, 'utf8')).toBe('garbage'.repeat(1000))
    const [run] = parseJsonl(readFileSync(join(dir, 'aqe-unsaved-corrupt.jsonl'), 'utf8'), 'spill')
    expect(run?.attempts).toHaveLength(4)
    expect(run?.end?.outcome).toBe('failed')
  })

  it('keeps a run aside when another process holds the store locked', () => {
    const dir = tempDir()
    const dbPath = join(dir, 'history.db')
    SqliteHistoryStore.open(dbPath).close()
    const holder = new Database(dbPath)
    holder.exec('BEGIN EXCLUSIVE')
    const warnings = record(dbPath, 'locked', 100)
    holder.exec('ROLLBACK')
    holder.close()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/stayed locked by another process/)
    const store = SqliteHistoryStore.open(dbPath)
    expect(store.addRuns(parseJsonl(readFileSync(join(dir, 'aqe-unsaved-locked.jsonl'), 'utf8'), 'spill'))).toMatchObject({
      runsAdded: 1,
      executionsAdded: 4,
    })
    store.close()
  })

  it('falls back to the temp directory when the store directory cannot be created', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'a-file'), '')
    const warnings = record(join(dir, 'a-file', 'history.db'), 'nodir-recorder-test')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/cannot be written/)
    expect(warnings[0]).toContain(join(tmpdir(), 'aqe-unsaved-nodir-recorder-test.jsonl'))
    const spilled = join(tmpdir(), 'aqe-unsaved-nodir-recorder-test.jsonl')
    expect(readdirSync(tmpdir())).toContain('aqe-unsaved-nodir-recorder-test.jsonl')
    expect(parseJsonl(readFileSync(spilled, 'utf8'), 'spill')[0]?.attempts).toHaveLength(4)
    rmSync(spilled)
  })

  it('keeps what a run recorded before it was killed, without its end', () => {
    const dir = tempDir()
    const dbPath = join(dir, 'history.db')
    writeFileSync(dbPath, 'garbage')
    const recorder = new RunRecorder({ dbPath, run: runInfo('killed'), warn: () => {} })
    recorder.record(sampleRun('killed').attempts)
    // No finish(): the process died here.
    const [run] = parseJsonl(readFileSync(join(dir, 'aqe-unsaved-killed.jsonl'), 'utf8'), 'spill')
    expect(run?.attempts).toHaveLength(4)
    expect(run?.end).toBeUndefined()
  })
})
