#!/usr/bin/env node
// aqe's main job on the bundled fixture project: several recorded runs of its Jest and Vitest
// suites (some with seeded flaky failures, one with a real failure), then aqe's reports on them.
// Steps are counted on stderr; each command's own output follows it. The fixture's store is
// reset first, so the demo tells the same story every time.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const fixture = join(root, 'fixtures', 'calc')
const fixtureRequire = createRequire(join(fixture, 'package.json'))
const jest = join(dirname(fixtureRequire.resolve('jest/package.json')), 'bin', 'jest.js')
const vitest = join(dirname(fixtureRequire.resolve('vitest/package.json')), 'vitest.mjs')
const aqe = join(root, 'packages', 'cli', 'dist', 'bin.js')

const runs = [
  { label: 'Jest, clean', argv: [jest, '--ci'], env: {} },
  { label: 'Vitest, clean, with coverage', argv: [vitest, 'run', '--coverage.enabled', '--coverage.reporter=json'], env: {} },
  { label: 'Jest, flaky service (seed 7)', argv: [jest, '--ci'], env: { FIXTURE_SEED: '7', FIXTURE_FLAKE_RATE: '0.5' } },
  { label: 'Vitest, flaky service (seed 7)', argv: [vitest, 'run'], env: { FIXTURE_SEED: '7', FIXTURE_FLAKE_RATE: '0.5' } },
  { label: 'Jest, a real regression', argv: [jest, '--ci'], env: { FIXTURE_FAIL: 'fails on demand' } },
  { label: 'Vitest, a real regression', argv: [vitest, 'run'], env: { FIXTURE_FAIL: 'fails on demand' } },
  { label: 'Jest, flaky service (seed 11)', argv: [jest, '--ci'], env: { FIXTURE_SEED: '11', FIXTURE_FLAKE_RATE: '0.5' } },
  { label: 'Vitest, flaky service (seed 11)', argv: [vitest, 'run'], env: { FIXTURE_SEED: '11', FIXTURE_FLAKE_RATE: '0.5' } },
]
const reports = [
  { label: 'aqe history', args: ['history'] },
  { label: 'aqe flaky (flaky, broken and new tests, with evidence)', args: ['flaky'] },
  { label: 'aqe prioritize (the file order for the next run, with a 50% time budget)', args: ['prioritize', '--budget', '50%'] },
  { label: 'aqe gaps (coverage of the clean Vitest run, fixtures/calc/coverage)', args: ['gaps', '--top', '5'] },
]
const total = runs.length + reports.length
let n = 0
const step = (label) => process.stderr.write(`\n[demo] step ${++n}/${total}: ${label}\n`)

const env = { ...process.env }
for (const key of Object.keys(env)) if (key.startsWith('AQE_') || key.startsWith('FIXTURE_')) delete env[key]

rmSync(join(fixture, '.aqe', 'history.db'), { force: true })
rmSync(join(fixture, '.aqe', 'history.db-wal'), { force: true })
rmSync(join(fixture, '.aqe', 'history.db-shm'), { force: true })
for (const run of runs) {
  step(`${run.label} (recorded into fixtures/calc/.aqe/history.db)`)
  // Failing runs are part of the story; their exit codes are shown, not fatal.
  const result = spawnSync(process.execPath, run.argv, { cwd: fixture, env: { ...env, ...run.env }, stdio: 'inherit' })
  process.stderr.write(`[demo] ${run.label}: exit code ${result.status}\n`)
}
for (const report of reports) {
  step(report.label)
  const result = spawnSync(process.execPath, [aqe, ...report.args], { cwd: fixture, env, stdio: 'inherit' })
  if (result.status !== 0) {
    process.stderr.write(`[demo] ${report.label} failed with exit code ${result.status}\n`)
    process.exit(result.status ?? 1)
  }
}
