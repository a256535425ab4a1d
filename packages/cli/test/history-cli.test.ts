import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type HistorySummary, SqliteHistoryStore, type StoredRun } from '@aqe/core'
import { describe, expect, it } from 'vitest'
import { runAqe } from '../../../test-helpers/fixture.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

function run(key: string, shard?: string): StoredRun {
  return {
    run: { runKey: key, runner: 'jest', startedAt: new Date('2026-05-01T10:00:00Z'), commit: 'abc', branch: 'main', shard },
    end: { outcome: 'failed', endedAt: new Date('2026-05-01T10:00:02Z') },
    attempts: [
      { file: 'a.test.ts', fullName: 'a > flaky', attempt: 0, status: 'failed', errorName: 'Error', errorMessage: 'boom 1', durationMs: 4 },
      { file: 'a.test.ts', fullName: 'a > flaky', attempt: 1, status: 'passed', durationMs: 3 },
      { file: 'a.test.ts', fullName: 'a > broken', attempt: 0, status: 'failed', errorMessage: 'nope', durationMs: 9 },
      { file: 'b.test.ts', fullName: 'b', attempt: 0, status: 'skipped' },
    ],
  }
}

function storeWith(path: string, runs: StoredRun[]): void {
  const store = SqliteHistoryStore.open(path)
  store.addRuns(runs)
  store.close()
}

async function summary(db: string, cwd?: string): Promise<HistorySummary> {
  const result = await runAqe(['history', '--json', '--db', db], { cwd })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as HistorySummary
}

describe('aqe history', () => {
  const tempDir = useTempDir()

  it('prints the numbers as JSON and as tables', async () => {
    const db = join(tempDir(), 'h.db')
    storeWith(db, [run('r1'), run('r2')])
    expect(await summary(db)).toMatchObject({ runs: 2, tests: 3, executions: 8, byStatus: { passed: 2, failed: 4, skipped: 2, todo: 0 } })
    const table = await runAqe(['history', '--db', db])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('2 runs, 3 tests, 8 executions')
    expect(table.stdout).toMatch(/Most failing tests[\s\S]*a\.test\.ts > a > broken/)
  })

  it('finds the store from AQE_HISTORY_DB, then from the config file', async () => {
    const dir = tempDir()
    storeWith(join(dir, 'env.db'), [run('r1')])
    storeWith(join(dir, 'cfg.db'), [run('r1'), run('r2')])
    writeFileSync(join(dir, 'aqe.config.json'), JSON.stringify({ historyDb: 'cfg.db' }))
    const fromEnv = await runAqe(['history', '--json'], { cwd: dir, env: { AQE_HISTORY_DB: join(dir, 'env.db') } })
    expect(JSON.parse(fromEnv.stdout).runs).toBe(1)
    const fromConfig = await runAqe(['history', '--json'], { cwd: dir, env: { AQE_HISTORY_DB: '' } })
    expect(JSON.parse(fromConfig.stdout).runs).toBe(2)
  })

  it('merges shards idempotently', async () => {
    const dir = tempDir()
    storeWith(join(dir, 's1.db'), [run('s1', '1/2')])
    storeWith(join(dir, 's2.db'), [run('s2', '2/2')])
    const db = join(dir, 'all.db')
    const first = await runAqe(['history', 'merge', join(dir, 's1.db'), join(dir, 's2.db'), '--db', db])
    expect(first.code).toBe(0)
    expect(first.stderr).toContain('1 runs and 4 executions added')
    const again = await runAqe(['history', 'merge', join(dir, 's1.db'), join(dir, 's2.db'), '--db', db])
    expect(again.stderr).toContain('0 runs and 0 executions added, 1 runs already present')
    expect(await summary(db)).toMatchObject({ runs: 2, executions: 8 })
  })

  it('exports and re-imports JSON Lines and JUnit without loss or duplicates', async () => {
    const dir = tempDir()
    const db = join(dir, 'h.db')
    storeWith(db, [run('r1'), run('r2')])
    for (const format of ['jsonl', 'junit']) {
      const file = join(dir, `out.${format === 'junit' ? 'xml' : 'jsonl'}`)
      expect((await runAqe(['history', 'export', '--format', format, '--out', file, '--db', db])).code).toBe(0)
      const copy = join(dir, `copy-${format}.db`)
      const imported = await runAqe(['history', 'import', file, '--db', copy])
      expect(imported.code).toBe(0)
      expect(imported.stderr).toContain('imported 2 runs (8 executions)')
      const twice = await runAqe(['history', 'import', file, '--db', copy])
      expect(twice.stderr).toContain('imported 0 runs (0 executions); 2 runs were already present')
      const original = await summary(db)
      const restored = await summary(copy)
      expect({ ...restored, slowest: [] }).toEqual({ ...original, slowest: [] })
    }
    const stdout = await runAqe(['history', 'export', '--db', db])
    expect(stdout.stdout.trim().split('\n')).toHaveLength(8)
    expect(JSON.parse(stdout.stdout.split('\n')[0] as string)).toMatchObject({ runId: 'r1', runner: 'jest', attempt: 0, status: 'failed' })
  })

  it('imports JUnit XML from other tools with commit and branch given on the command line', async () => {
    const dir = tempDir()
    const file = join(dir, 'junit.xml')
    writeFileSync(
      file,
      '<testsuites><testsuite name="s"><testcase classname="s" name="t" time="0.1"><failure message="x"/></testcase></testsuite></testsuites>',
    )
    const db = join(dir, 'h.db')
    const result = await runAqe(['history', 'import', file, '--db', db, '--commit', 'c0ffee', '--branch', 'dev', '--runner', 'pytest'])
    expect(result.code).toBe(0)
    const s = await summary(db)
    expect(s.recentRuns[0]).toMatchObject({ runner: 'pytest', commit: 'c0ffee', branch: 'dev', outcome: 'failed' })
  })
})

describe('aqe history on bad input', () => {
  const tempDir = useTempDir()

  it.each([
    [['history', '--bogus'], /unknown option '--bogus'/],
    [['history', '--top', 'zero'], /--top must be a positive integer, got "zero"/],
    [['history', 'export', '--format', 'csv'], /--format must be one of jsonl, junit, got "csv"/],
    [['history', 'merge'], /missing required argument 'db'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const dir = tempDir()
    storeWith(join(dir, 'h.db'), [run('r1')])
    const result = await runAqe([...args, ...(args[0] === 'frobnicate' ? [] : ['--db', join(dir, 'h.db')])], { cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stdout).toBe('')
  })

  it('exits 2 when the store is missing or corrupt, and leaves a corrupt file alone', async () => {
    const dir = tempDir()
    const missing = await runAqe(['history', '--db', join(dir, 'none.db')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/No history store at .*none\.db/)
    expect(existsSync(join(dir, 'none.db'))).toBe(false)
    writeFileSync(join(dir, 'bad.db'), 'x'.repeat(4096))
    const corrupt = await runAqe(['history', '--db', join(dir, 'bad.db')])
    expect(corrupt.code).toBe(2)
    expect(corrupt.stderr).toMatch(/not a valid SQLite database.*move it aside or delete it/)
    expect(readFileSync(join(dir, 'bad.db'), 'utf8')).toBe('x'.repeat(4096))
  })

  it('imports nothing when one of the files is bad', async () => {
    const dir = tempDir()
    const db = join(dir, 'h.db')
    const good = join(dir, 'good.jsonl')
    writeFileSync(
      good,
      `${JSON.stringify({ runId: 'g', runner: 'jest', startedAt: '2026-01-01T00:00:00Z', file: 'f', fullName: 'n', attempt: 0, status: 'passed' })}\n`,
    )
    const bad = join(dir, 'bad.jsonl')
    writeFileSync(bad, '{"runId": "b"}\n')
    const result = await runAqe(['history', 'import', good, bad, '--db', db])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/bad\.jsonl:1: key "runner"/)
    expect(existsSync(db)).toBe(false)
    mkdirSync(join(dir, 'sub'))
    const unreadable = await runAqe(['history', 'import', join(dir, 'nope.jsonl'), '--db', db])
    expect(unreadable.code).toBe(2)
    expect(unreadable.stderr).toMatch(/Cannot read .*nope\.jsonl/)
  })

  it('refuses to merge a store into itself', async () => {
    const dir = tempDir()
    storeWith(join(dir, 'h.db'), [run('r1')])
    const result = await runAqe(['history', 'merge', join(dir, 'h.db'), '--db', join(dir, 'h.db')])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/Cannot merge .* into itself/)
  })
})
