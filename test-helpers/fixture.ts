import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ProcessResult, runProcess } from './run-process.js'

/** Root of the aqe repository. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** The bundled fixture project with a Jest and a Vitest suite. */
export const calcFixture = join(repoRoot, 'fixtures', 'calc')
/** The built `aqe` command. */
export const aqeBin = join(repoRoot, 'packages', 'cli', 'dist', 'bin.js')

const fixtureRequire = createRequire(join(calcFixture, 'package.json'))
/** The fixture's Jest and Vitest entry points. */
export const jestBin = join(dirname(fixtureRequire.resolve('jest/package.json')), 'bin', 'jest.js')
export const vitestBin = join(dirname(fixtureRequire.resolve('vitest/package.json')), 'vitest.mjs')

/** Environment for a fixture run: its own store, and no inherited aqe or CI settings. */
export function fixtureEnv(db: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of Object.keys(env)) {
    if (key.startsWith('AQE_') || key.startsWith('FIXTURE_') || key.startsWith('VITEST') || key === 'GITHUB_ACTIONS') delete env[key]
  }
  return { ...env, AQE_HISTORY_DB: db, ...extra }
}

/** Runs the fixture's Jest suite with the aqe reporter, as a user would. */
export function runJest(db: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}, cwd = calcFixture): Promise<ProcessResult> {
  return runProcess(process.execPath, [jestBin, '--ci', ...args], { cwd, env: fixtureEnv(db, env) })
}

/** Runs the fixture's Vitest suite with the aqe plugin, as a user would. */
export function runVitest(
  db: string,
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
  cwd = calcFixture,
): Promise<ProcessResult> {
  return runProcess(process.execPath, [vitestBin, 'run', ...args], { cwd, env: fixtureEnv(db, env) })
}

/** Runs the built `aqe` command. */
export function runAqe(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> {
  return runProcess(process.execPath, [aqeBin, ...args], { cwd: options.cwd ?? repoRoot, env: options.env })
}
