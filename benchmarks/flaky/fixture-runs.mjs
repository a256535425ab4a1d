#!/usr/bin/env node
/**
 * Flaky detection on real runs (anchors flaky.md §8.2, B2 in small): the fixture project's Jest
 * and Vitest suites run many times with seeded planted flakes, recorded by the real reporters,
 * then judged by the detector. Ground truth: "talks to a flaky service" and "slugifies a title"
 * fail each attempt with probability --rate; "settles after one retry" fails its first attempt
 * every run; "fails on demand" is a real regression in three consecutive runs (then fixed); the
 * rest never fail.
 *
 *   node benchmarks/flaky/fixture-runs.mjs [--runs 20] [--rate 0.2] [--runner vitest|jest|both]
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { detectFlaky, SqliteHistoryStore } from '@aqe/core'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    rate: { type: 'string', default: '0.2' },
    runner: { type: 'string', default: 'both' },
  },
})
const fixture = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'calc')
const fixtureRequire = createRequire(join(fixture, 'package.json'))
const bins = {
  jest: [join(dirname(fixtureRequire.resolve('jest/package.json')), 'bin', 'jest.js'), '--ci'],
  vitest: [join(dirname(fixtureRequire.resolve('vitest/package.json')), 'vitest.mjs'), 'run'],
}
const planted = new Set(['unstable > talks to a flaky service', 'unstable > slugifies a title', 'unstable > settles after one retry'])
const runs = Number(values.runs)
const runners = values.runner === 'both' ? ['vitest', 'jest'] : [values.runner]
const dir = mkdtempSync(join(tmpdir(), 'aqe-fixture-runs-'))
const lines = [`${runs} runs per runner, planted flake rate ${values.rate} per attempt, 2 retries.`, '']
lines.push('| runner | flaky (planted) | flaky (not planted) | regression called | wall time per run |', '|---|---|---|---|---:|')
try {
  for (const runner of runners) {
    const db = join(dir, `${runner}.db`)
    const started = Date.now()
    for (let i = 0; i < runs; i++) {
      const regression = i >= Math.floor(runs / 2) && i < Math.floor(runs / 2) + 3
      const env = {
        ...process.env,
        AQE_HISTORY_DB: db,
        FIXTURE_SEED: String(i + 1),
        FIXTURE_FLAKE_RATE: values.rate,
        ...(regression ? { FIXTURE_FAIL: 'fails on demand' } : {}),
      }
      for (const key of Object.keys(env)) if (key.startsWith('GITHUB_') || key === 'AQE_QUARANTINE_FILE') delete env[key]
      // Each run is a CI run of its own commit on main, so a regression is not the same code passing and failing.
      Object.assign(env, { GITHUB_ACTIONS: 'true', GITHUB_SHA: `sha-${runner}-${i}`, GITHUB_REF_NAME: 'main', GITHUB_RUN_ID: String(i) })
      spawnSync(process.execPath, bins[runner], { cwd: fixture, env, stdio: 'ignore' })
    }
    const store = SqliteHistoryStore.open(db, { readonly: true })
    const verdicts = detectFlaky(store.db)
    store.close()
    const flaky = verdicts.filter((v) => v.state === 'flaky')
    const hits = flaky.filter((v) => planted.has(v.fullName)).map((v) => v.fullName.replace('unstable > ', ''))
    const wrong = flaky.filter((v) => !planted.has(v.fullName)).map((v) => v.fullName)
    const regression = verdicts.find((v) => v.fullName === 'unstable > fails on demand')
    lines.push(
      `| ${runner} | ${hits.length}/3 (${hits.join(', ')}) | ${wrong.length === 0 ? 'none' : wrong.join(', ')} | ${regression?.state ?? 'missing'} | ${((Date.now() - started) / runs / 1000).toFixed(1)} s |`,
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.stdout.write(`${lines.join('\n')}\n`)
