import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { calcFixture, fixtureEnv } from './fixture.js'
import { readOnlyRun } from './read-only-run.js'
import { type ProcessResult, runProcess } from './run-process.js'
import { storedExecutions } from './store-rows.js'
import { useTempDir } from './temp-dir.js'

/** Runs a fixture suite: the runner's argv after node, with a history store path. */
export interface SuiteRunner {
  name: string
  argv: readonly string[]
}

const AQE_LINE = /\[aqe\]/
// aqe's after-run report may also print (e.g. a newly flaky test); the contract is one warning.
const AQE_WARNING = /\[aqe\] warning:/

/**
 * The fail-safe contract, for one runner: whatever is wrong with the store, the run's exit code
 * and stdout are what they would be without aqe, stderr carries one aqe warning, and the run's
 * results are kept aside for `aqe history import`.
 */
export function describeFailSafe(runner: SuiteRunner): void {
  describe(`${runner.name} reporter fail-safe`, () => {
    const tempDir = useTempDir()
    const run = (db: string, env: NodeJS.ProcessEnv = {}) =>
      runProcess(process.execPath, runner.argv, { cwd: calcFixture, env: fixtureEnv(db, env) })

    const expectOneWarning = (result: ProcessResult, pattern: RegExp) => {
      expect(result.stdout).not.toMatch(AQE_LINE)
      const warnings = result.stderr.split('\n').filter((line) => AQE_WARNING.test(line))
      expect(warnings, warnings.join('\n')).toHaveLength(1)
      expect(warnings[0]).toMatch(pattern)
    }

    it('keeps the exit code and sets the run aside when the store is corrupt', async () => {
      const dir = tempDir()
      const db = join(dir, 'history.db')
      writeFileSync(db, 'not sqlite '.repeat(500))
      for (const [env, code] of [
        [{}, 0],
        [{ FIXTURE_FAIL: '1' }, 1],
      ] as const) {
        const result = await run(db, env)
        expect(result.code).toBe(code)
        expectOneWarning(result, /not a valid SQLite database.*kept in .*aqe-unsaved-.*\.jsonl/)
      }
      expect(readFileSync(db, 'utf8')).toBe('not sqlite '.repeat(500))
      const spilled = readdirSync(dir).filter((f) => f.startsWith('aqe-unsaved-'))
      expect(spilled).toHaveLength(2)
      const lines = spilled.flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
      expect(lines.length).toBeGreaterThan(30)
    })

    it('keeps the exit code when another process holds the store locked', async () => {
      const db = join(tempDir(), 'history.db')
      const setup = new Database(db)
      setup.pragma('journal_mode = WAL')
      setup.exec('CREATE TABLE hold (x)')
      setup.exec('BEGIN EXCLUSIVE; INSERT INTO hold VALUES (1)')
      try {
        const result = await run(db, { FIXTURE_FAIL: '1', AQE_BUSY_TIMEOUT_MS: '200' })
        expect(result.code).toBe(1)
        expectOneWarning(result, /locked by another process/)
      } finally {
        setup.exec('ROLLBACK')
        setup.close()
      }
    })

    it('keeps the exit code when the store directory is read-only', async () => {
      const dir = tempDir()
      const storeDir = join(dir, 'ro')
      mkdirSync(storeDir)
      const result = await readOnlyRun(storeDir, runner.argv, fixtureEnv(join(storeDir, 'history.db')))
      expect(result.code).toBe(0)
      expectOneWarning(result, /cannot be written.*kept in .*aqe-unsaved-/)
    })

    it('keeps the exit code when an existing store is read-only', async () => {
      const dir = tempDir()
      const storeDir = join(dir, 'ro')
      mkdirSync(storeDir)
      const db = join(storeDir, 'history.db')
      await run(db)
      copyFileSync(db, join(dir, 'before.db'))
      const result = await readOnlyRun(storeDir, runner.argv, fixtureEnv(db, { FIXTURE_FAIL: '1' }))
      expect(result.code).toBe(1)
      expectOneWarning(result, /cannot be written|read-only|readonly/i)
      expect(storedExecutions(db)).toEqual(storedExecutions(join(dir, 'before.db')))
    })
  })
}
