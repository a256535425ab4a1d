import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import {
  type ConformanceRunner,
  conformanceId,
  conformanceProject,
  type IntegrationMode,
  QUARANTINED,
  runAndInterrupt,
  runConformance,
} from './quarantine-conformance.js'
import type { ProcessResult } from './run-process.js'
import { useScratchProject } from './scratch-project.js'
import { storedExecutions } from './store-rows.js'
import { useTempDir } from './temp-dir.js'

/** A conformance case (anchors, flaky.md §8.2) that a runner and mode support. */
interface Case {
  name: string
  files?: Record<string, string>
  env?: NodeJS.ProcessEnv
  args?: string[]
  /** Replaces the store with garbage before the run. */
  corruptStore?: boolean
  /** Holds an exclusive lock on the store during the run. */
  lockStore?: boolean
  /** The expected exit code, any failing one, or any (the check decides). */
  code: number | 'non-zero' | 'any'
  /** Interrupts the run with SIGINT once it is under way. */
  interrupt?: boolean
  check?: (result: ProcessResult, db: string) => void
}

const Q_FAIL = { Q_FAIL: '1' }
const ignored = /quarantined failure\(s\) ignored; the run passes/
/** The run failed for another reason, named in aqe's report, although its only test failure was quarantined. */
const stillFails = (cause: RegExp) => (result: ProcessResult) => {
  expect(result.stderr).toMatch(/1 quarantined failure\(s\):/)
  expect(result.stderr).toMatch(cause)
}

/** Holds an exclusive write lock on a new store, as a stuck writer would; returns the release. */
function lockStore(db: string): () => void {
  const conn = new Database(db)
  conn.pragma('journal_mode = WAL')
  conn.exec('CREATE TABLE hold (x)')
  conn.exec('BEGIN EXCLUSIVE; INSERT INTO hold VALUES (1)')
  return () => {
    conn.exec('ROLLBACK')
    conn.close()
  }
}

/** The exit-code conformance matrix for one runner in one integration mode. */
export function describeQuarantineConformance(runner: ConformanceRunner, mode: IntegrationMode, only?: readonly string[]): void {
  const ext = runner === 'jest' ? 'cjs' : 'js'
  const vitestImport = runner === 'vitest' ? "import { expect, it } from 'vitest'\n" : ''
  const cases: Record<string, Case | undefined> = {
    1: {
      name: 'only quarantined tests fail: exit 0, and every attempt is recorded as failed',
      env: Q_FAIL,
      code: 0,
      check: (result, db) => {
        expect(result.stderr).toMatch(ignored)
        const rows = storedExecutions(db).filter((r) => r.fullName === QUARANTINED)
        expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'failed'])
      },
    },
    2: {
      name: 'quarantined and other failures: exit 1',
      env: { ...Q_FAIL, O_FAIL: '1' },
      code: 1,
      check: (r) => expect(r.stderr).not.toMatch(ignored),
    },
    3: {
      name: 'a test file that fails to load: exit 1',
      env: Q_FAIL,
      files: { [`broken.test.${ext}`]: `${vitestImport}throw new Error('cannot load this file')\n` },
      code: 1,
      check: stillFails(/broken\.test\.(cjs|js) failed to load or run|test file\(s\) failed to run/),
    },
    4:
      runner === 'jest'
        ? {
            name: 'an obsolete snapshot with --ci: exit 1',
            env: Q_FAIL,
            files: {
              '__snapshots__/q.test.cjs.snap':
                '// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing\n\nexports[`suite gone 1`] = `"x"`;\n',
            },
            code: 1,
            check: stillFails(/snapshots failed/),
          }
        : {
            name: 'a snapshot mismatch in another test: exit 1',
            env: Q_FAIL,
            files: {
              'snap.test.js': `${vitestImport}it('snap', () => { expect('new').toMatchSnapshot() })\n`,
              '__snapshots__/snap.test.js.snap':
                '// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html\n\nexports[`snap 1`] = `"old"`;\n',
            },
            code: 1,
            check: (r) => expect(r.stderr).toMatch(/1 failure\(s\) are not quarantined/),
          },
    5:
      runner === 'vitest'
        ? {
            name: 'an unhandled rejection: exit 1',
            env: Q_FAIL,
            files: {
              'late.test.js': `${vitestImport}it('leaves a rejection behind', () => { Promise.reject(new Error('nobody awaits me')) })\n`,
            },
            code: 1,
            check: stillFails(/unhandled error/),
          }
        : {
            name: 'an uncaught error thrown after a test ended: exit 1',
            env: Q_FAIL,
            files: {
              'late.test.cjs':
                "it('leaves an error behind', () => { setTimeout(() => { throw new Error('nobody catches me') }, 0) })\nit('waits', () => new Promise((r) => setTimeout(r, 100)))\n",
            },
            code: 1,
            // Jest pins the stray error on whichever test or file is running; either way it is not quarantined.
            check: stillFails(/nobody catches me|failed to load or run|not quarantined/),
          },
    6:
      runner === 'vitest'
        ? {
            name: 'a run cancelled by --bail on a failure that is not quarantined: exit 1',
            env: { ...Q_FAIL, O_FAIL: '1' },
            args: ['--bail=1'],
            code: 1,
            check: stillFails(/the run was interrupted/),
          }
        : undefined,
    '6b': {
      name: 'a run interrupted with SIGINT after a quarantined failure: a failing exit code',
      env: Q_FAIL,
      interrupt: true,
      files: {
        [`slow.test.${ext}`]: `${vitestImport}it('takes a while', () => new Promise((resolve) => setTimeout(resolve, 20000)), 30000)\n`,
      },
      code: 'non-zero',
    },
    8:
      runner === 'vitest'
        ? {
            name: '--bail=1 with a quarantined failure first: the remaining tests still run, exit 0',
            env: Q_FAIL,
            args: ['--bail=1', '--no-file-parallelism'],
            files: { 'z-later.test.js': `${vitestImport}it('runs after the quarantined failure', () => {})\n` },
            code: 0,
            check: (_r, db) => {
              const names = ['suite > passes', 'runs after the quarantined failure']
              expect(
                storedExecutions(db)
                  .filter((r) => names.includes(r.fullName))
                  .map((r) => r.status),
              ).toEqual(['passed', 'passed'])
            },
          }
        : {
            name: '--bail=1 with a quarantined failure first: exit 0 only if every test file still ran',
            env: Q_FAIL,
            args: ['--bail=1', '--maxWorkers=2'],
            // Slow later files: Jest's bail exits once its output drains, which may cut them short.
            files: Object.fromEntries(
              ['b', 'c', 'd'].map((n) => [`${n}.test.cjs`, `it('${n} runs later', () => new Promise((r) => setTimeout(r, 1000)))\n`]),
            ),
            code: 'any',
            check: (r) => {
              const ranAll = /Test Suites: 1 failed, 3 passed, 4 total/.test(r.stderr)
              expect(r.code).toBe(ranAll ? 0 : 1)
              if (!ranAll) expect(r.stderr).toMatch(/test files ran \(--bail stopped the run\)/)
            },
          },
    7:
      runner === 'jest'
        ? {
            name: 'a coverage threshold failure: exit 1',
            env: Q_FAIL,
            args: ['--coverage', '--coverageReporters=text-summary', '--coverageThreshold={"global":{"lines":100}}'],
            code: 1,
            check: stillFails(/a reporter failed the run: Jest: Coverage for lines/),
          }
        : {
            name: 'a coverage threshold failure (reportOnFailure): exit 1',
            env: Q_FAIL,
            args: [
              '--coverage.enabled',
              '--coverage.include=lib.js',
              '--coverage.reporter=text-summary',
              '--coverage.thresholds.lines=100',
              '--coverage.reportOnFailure',
            ],
            code: 1,
            // Vitest checks thresholds after onTestRunEnd, so they set the code back to 1 after aqe forgave the tests.
            check: (r) => expect(r.stderr + r.stdout).toMatch(/Coverage for lines .* does not meet global threshold/),
          },
    '7b':
      runner === 'vitest'
        ? {
            name: 'coverage thresholds that Vitest skips because tests failed: exit 1',
            env: Q_FAIL,
            args: [
              '--coverage.enabled',
              '--coverage.include=lib.js',
              '--coverage.reporter=text-summary',
              '--coverage.thresholds.lines=100',
            ],
            code: 1,
            check: stillFails(/coverage thresholds are not checked when tests fail/),
          }
        : undefined,
    9: { name: 'no tests found: the original exit code', args: [runner === 'jest' ? '--testPathPatterns=nomatch' : 'nomatch'], code: 1 },
    10: {
      name: 'a corrupt store: no quarantine, the original exit code, a warning',
      env: Q_FAIL,
      corruptStore: true,
      code: 1,
      check: (r) => expect(r.stderr).toMatch(/Quarantine is not applied to this run/),
    },
    '10b': {
      name: 'a store locked by another process: no quarantine, the original exit code, a warning',
      env: { ...Q_FAIL, AQE_BUSY_TIMEOUT_MS: '200' },
      lockStore: true,
      code: 1,
      check: (r) => expect(r.stderr).toMatch(/locked by another process/),
    },
    11: {
      name: 'a quarantined test that passes: exit 0, recorded as a pass',
      code: 0,
      check: (_r, db) =>
        expect(
          storedExecutions(db)
            .filter((r) => r.fullName === QUARANTINED)
            .map((r) => r.status),
        ).toEqual(['passed']),
    },
    12:
      runner === 'vitest'
        ? {
            name: '.fails tests are neither retried nor counted as failures',
            env: Q_FAIL,
            files: { 'fails.test.js': `${vitestImport}it.fails('is expected to fail', () => { throw new Error('expected') })\n` },
            code: 0,
            check: (_r, db) =>
              expect(
                storedExecutions(db)
                  .filter((r) => r.fullName === 'is expected to fail')
                  .map((r) => r.status),
              ).toEqual(['passed']),
          }
        : {
            name: 'test.failing tests are neither retried nor counted as failures',
            env: Q_FAIL,
            files: { 'failing.test.cjs': "it.failing('is expected to fail', () => { throw new Error('expected') })\n" },
            code: 0,
            check: (_r, db) =>
              expect(
                storedExecutions(db)
                  .filter((r) => r.fullName === 'is expected to fail')
                  .map((r) => r.status),
              ).toEqual(['passed']),
          },
  }

  describe(`quarantine conformance: ${runner}, ${mode}`, () => {
    const scratch = useScratchProject()
    const tempDir = useTempDir()
    for (const [number, c] of Object.entries(cases)) {
      if (!c || (only && !only.includes(number))) continue
      it(`${number}. ${c.name}`, async () => {
        const dir = scratch(conformanceProject(runner, c.files))
        const db = join(tempDir(), 'history.db')
        if (c.corruptStore) writeFileSync(db, 'not sqlite '.repeat(500))
        const lock = c.lockStore ? lockStore(db) : undefined
        const result = await (c.interrupt
          ? runAndInterrupt(runner, mode, dir, db, c.env)
          : runConformance(runner, mode, dir, db, c.env, c.args)
        ).finally(() => lock?.())
        const ok = c.code === 'any' || (c.code === 'non-zero' ? result.code !== 0 : result.code === c.code)
        if (!ok) throw new Error(`exit ${result.code}, expected ${c.code}\n${result.stdout}\n${result.stderr}`)
        // Every run that reaches its end hands `aqe run` a verdict (Vitest: "decided in process").
        if (mode === 'wrapper' && number !== '9' && !c.interrupt) expect(result.stderr).not.toMatch(/left no aqe verdict/)
        c.check?.(result, db)
      })
    }
  })
}

export { conformanceId }
