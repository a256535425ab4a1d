import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAqe } from '../../../test-helpers/fixture.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

const HOUR = 3_600_000

/** aqe JSON Lines for `runs` runs on main: `flaky` fails then passes in run 3, `broken` fails from run 5, `ok` always passes. */
function historyJsonl(runs: number): string {
  const lines: object[] = []
  const start = Date.now() - runs * HOUR
  for (let i = 0; i < runs; i++) {
    const run = {
      runId: `run-${i}`,
      runner: 'vitest',
      commit: `c${i}`,
      branch: 'main',
      startedAt: new Date(start + i * HOUR).toISOString(),
    }
    const line = (fullName: string, attempt: number, status: string, errorMessage?: string) =>
      lines.push({ ...run, file: 'test/a.test.ts', fullName, attempt, status, ...(errorMessage ? { errorMessage } : {}) })
    line('ok', 0, 'passed')
    if (i === 3) {
      line('flaky', 0, 'failed', 'socket hang up')
      line('flaky', 1, 'passed')
    } else line('flaky', 0, 'passed')
    if (i >= 5) for (const attempt of [0, 1, 2]) line('broken', attempt, 'failed', 'expected 1 to be 2')
    else line('broken', 0, 'passed')
    line('skipped one', 0, 'skipped')
  }
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`
}

describe('aqe flaky', () => {
  const tempDir = useTempDir()

  async function importedStore(): Promise<string> {
    const dir = tempDir()
    const file = join(dir, 'history.jsonl')
    writeFileSync(file, historyJsonl(10))
    const db = join(dir, 'history.db')
    const imported = await runAqe(['history', 'import', file, '--db', db])
    expect(imported.code).toBe(0)
    return db
  }

  it('prints one JSON object per test, with file, fullName, state, score and evidence', async () => {
    const db = await importedStore()
    const result = await runAqe(['flaky', '--json', '--db', db])
    expect(result.code).toBe(0)
    const verdicts = JSON.parse(result.stdout) as Array<Record<string, unknown> & { evidence: Record<string, unknown> }>
    expect(verdicts.map((v) => [v.fullName, v.state])).toEqual([
      ['broken', 'broken'],
      ['flaky', 'flaky'],
      ['skipped one', 'new'],
      ['ok', 'healthy'],
    ])
    for (const v of verdicts) {
      expect(v.file).toBe('test/a.test.ts')
      expect(typeof v.score).toBe('number')
      expect(v.evidence).toHaveProperty('failureProbability')
    }
    expect(verdicts[1]?.evidence).toMatchObject({ sameCommitFlakes: 1, passedOnRetry: 1, lastFailureMessage: 'socket hang up' })
  })

  it('prints a table, and Markdown that also goes to the GitHub job summary', async () => {
    const db = await importedStore()
    const table = await runAqe(['flaky', '--db', db])
    expect(table.stdout).toMatch(/broken .*test\/a\.test\.ts > broken/)
    expect(table.stdout).toMatch(/flaky .*test\/a\.test\.ts > flaky .*socket hang up/)
    expect(table.stdout).not.toMatch(/> ok/)
    const summary = join(tempDir(), 'summary.md')
    const markdown = await runAqe(['flaky', '--markdown', '--db', db], { env: { GITHUB_STEP_SUMMARY: summary } })
    expect(markdown.stdout).toContain('| flaky | `test/a.test.ts > flaky` |')
    expect(readFileSync(summary, 'utf8')).toBe(`${markdown.stdout}\n`)
  })

  it('fails with exit 2 when the store is missing', async () => {
    const result = await runAqe(['flaky', '--db', join(tempDir(), 'none.db')])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/No history store/)
  })
})

describe('aqe quarantine', () => {
  const tempDir = useTempDir()

  it('adds, lists and removes entries in a reviewable file', async () => {
    const cwd = tempDir()
    const id = 'test/a.test.ts > suite > flaky'
    const added = await runAqe(['quarantine', 'add', id, '--reason', 'issue #12', '--owner', '@qa', '--days', '14'], { cwd })
    expect(added.code).toBe(0)
    const file = JSON.parse(readFileSync(join(cwd, '.aqe', 'quarantine.json'), 'utf8'))
    expect(file.tests[0]).toMatchObject({ id, reason: 'issue #12', owner: '@qa', source: 'manual' })
    expect(Date.parse(file.tests[0].expires) - Date.parse(file.tests[0].created)).toBe(14 * 86_400_000)
    const listed = await runAqe(['quarantine', 'list', '--json'], { cwd })
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id, expired: false }])
    expect((await runAqe(['quarantine', 'add', id, '--reason', 'again'], { cwd })).code).toBe(2)
    expect((await runAqe(['quarantine', 'remove', id], { cwd })).code).toBe(0)
    expect((await runAqe(['quarantine', 'list'], { cwd })).stdout).toMatch(/No quarantined tests/)
  })

  it('exits 1 and names the owner when an entry has expired', async () => {
    const cwd = tempDir()
    const q = {
      version: 1,
      tests: [
        {
          id: 'a > t',
          reason: 'r',
          owner: '@qa',
          created: '2026-01-01T00:00:00.000Z',
          expires: '2026-01-02T00:00:00.000Z',
          source: 'manual',
        },
      ],
    }
    writeFileSync(join(cwd, 'q.json'), JSON.stringify(q))
    const result = await runAqe(['quarantine', 'list', '--file', 'q.json'], { cwd })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/expired +a > t/)
    expect(result.stderr).toMatch(/expired: a > t \(@qa\)/)
  })

  it('rejects bad input with exit 2', async () => {
    const cwd = tempDir()
    expect((await runAqe(['quarantine', 'add', 'not-an-id', '--reason', 'r'], { cwd })).code).toBe(2)
    writeFileSync(join(cwd, 'q.json'), '{"version":2}')
    const invalid = await runAqe(['quarantine', 'list', '--file', 'q.json'], { cwd })
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toMatch(/q\.json is invalid/)
  })

  it('aqe run passes through the exit code of a command that leaves no verdict', async () => {
    const result = await runAqe(['run', '--', process.execPath, '-e', 'process.exit(3)'], { cwd: tempDir() })
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/left no aqe verdict/)
  })
})

describe('aqe quarantine sync', () => {
  const tempDir = useTempDir()

  it('plans the auto policy, and writes it only when quarantine.auto is on', async () => {
    const cwd = tempDir()
    const file = join(cwd, 'history.jsonl')
    writeFileSync(file, historyJsonl(10))
    const db = join(cwd, 'history.db')
    expect((await runAqe(['history', 'import', file, '--db', db], { cwd })).code).toBe(0)
    const off = await runAqe(['quarantine', 'sync', '--db', db], { cwd })
    expect(off.code).toBe(0)
    expect(off.stdout).toMatch(/^\+ test\/a\.test\.ts > flaky: flaky: failure probability/m)
    expect(off.stdout).not.toMatch(/> broken/)
    expect(off.stderr).toMatch(/quarantine\.auto is off/)
    expect(existsSync(join(cwd, '.aqe', 'quarantine.json'))).toBe(false)
    writeFileSync(join(cwd, 'aqe.config.json'), JSON.stringify({ quarantine: { auto: true, owner: '@qa' } }))
    const on = await runAqe(['quarantine', 'sync', '--db', db], { cwd })
    expect(on.code).toBe(0)
    const written = JSON.parse(readFileSync(join(cwd, '.aqe', 'quarantine.json'), 'utf8'))
    expect(written.tests).toMatchObject([{ id: 'test/a.test.ts > flaky', source: 'auto', owner: '@qa' }])
    expect((await runAqe(['quarantine', 'sync', '--db', db], { cwd })).stdout).toMatch(/^ *$|up to date/m)
  })
})
