import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { constants } from 'node:os'
import { join } from 'node:path'
import { aqeBin, fixtureEnv, jestBin, vitestBin } from './fixture.js'
import { type ProcessResult, runProcess } from './run-process.js'

/** Which runner a conformance project uses, and how it is started. */
export type ConformanceRunner = 'jest' | 'vitest'
/** `in-process`: the runner alone (Vitest plugin); `wrapper`: under `aqe run --`. */
export type IntegrationMode = 'in-process' | 'wrapper'

/** The test that every conformance project quarantines, and its id. */
export const QUARANTINED = 'suite > quarantined fails'

const ext = (runner: ConformanceRunner) => (runner === 'jest' ? 'cjs' : 'js')

/** The id of a test of the main conformance file. */
export const conformanceId = (runner: ConformanceRunner, name: string) => `q.test.${ext(runner)} > ${name}`

const mainTests = (runner: ConformanceRunner) => `${runner === 'vitest' ? "import { describe, expect, it } from 'vitest'\n" : ''}
describe('suite', () => {
  it('quarantined fails', () => { expect(process.env.Q_FAIL ? 'broken' : 'ok').toBe('ok') })
  it('other fails', () => { expect(process.env.O_FAIL ? 'broken' : 'ok').toBe('ok') })
  it('passes', () => { expect(1 + 1).toBe(2) })
})
`

/** The files of a small project with retries, the aqe reporter, and a quarantine of {@link QUARANTINED}. */
export function conformanceProject(runner: ConformanceRunner, extra: Record<string, string> = {}): Record<string, string> {
  const quarantine = {
    version: 1,
    tests: [
      {
        id: conformanceId(runner, QUARANTINED),
        reason: 'conformance',
        owner: '@qa',
        created: '2026-01-01T00:00:00.000Z',
        source: 'manual',
      },
    ],
  }
  const config: Record<string, string> =
    runner === 'jest'
      ? {
          'jest.config.cjs': `module.exports = { testMatch: ['<rootDir>/**/*.test.cjs'], transform: {}, reporters: ['default', '@aqe/jest'], setupFilesAfterEnv: ['<rootDir>/retries.cjs'], collectCoverageFrom: ['<rootDir>/lib.cjs'] }\n`,
          'retries.cjs': 'jest.retryTimes(2)\n',
          'lib.cjs': 'exports.half = (n) => { if (n > 0) return n / 2\n  return 0 }\n',
        }
      : {
          'vitest.config.mjs': `import { aqe } from '@aqe/vitest'\nimport { defineConfig } from 'vitest/config'\nexport default defineConfig({ plugins: [aqe()], test: { include: ['**/*.test.js'], retry: 2 } })\n`,
          'lib.js': 'export const half = (n) => { if (n > 0) return n / 2\n  return 0 }\n',
        }
  return {
    ...config,
    [`q.test.${ext(runner)}`]: mainTests(runner),
    '.aqe/quarantine.json': `${JSON.stringify(quarantine, null, 2)}\n`,
    ...extra,
  }
}

/** Runs a conformance project's suite in the given mode, with its own store and extra runner arguments. */
export function runConformance(
  runner: ConformanceRunner,
  mode: IntegrationMode,
  dir: string,
  db: string,
  env: NodeJS.ProcessEnv = {},
  args: readonly string[] = [],
): Promise<ProcessResult> {
  const runnerArgv = runner === 'jest' ? [jestBin, '--ci', ...args] : [vitestBin, 'run', ...args]
  const argv = mode === 'wrapper' ? [aqeBin, 'run', '--', process.execPath, ...runnerArgv] : runnerArgv
  return runProcess(process.execPath, argv, { cwd: dir, env: fixtureEnv(db, env) })
}

/** Writes a file into a project after it was created. */
export function writeProjectFile(dir: string, name: string, text: string): void {
  mkdirSync(join(dir, name, '..'), { recursive: true })
  writeFileSync(join(dir, name), text)
}

/**
 * Starts a conformance run, waits until the run has opened its store (the runner is running
 * tests) and a little more, then interrupts it with SIGINT, as Ctrl-C or a CI cancel would.
 */
export function runAndInterrupt(
  runner: ConformanceRunner,
  mode: IntegrationMode,
  dir: string,
  db: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ProcessResult> {
  const runnerArgv = runner === 'jest' ? [jestBin, '--ci'] : [vitestBin, 'run']
  const argv = mode === 'wrapper' ? [aqeBin, 'run', '--', process.execPath, ...runnerArgv] : runnerArgv
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: dir, env: { ...fixtureEnv(db, env), FORCE_COLOR: '0', NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    const poll = setInterval(() => {
      if (!existsSync(db)) return
      clearInterval(poll)
      setTimeout(() => child.kill('SIGINT'), 1500)
    }, 100)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearInterval(poll)
      resolve({ code: code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1), stdout, stderr })
    })
  })
}
