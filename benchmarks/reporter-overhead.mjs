#!/usr/bin/env node
// Reporter overhead: a generated 5,000-test suite run by Jest and by Vitest, with and without the
// aqe reporter, alternating A/B runs under the same process conditions; prints the ratio of medians.
// Usage: node benchmarks/reporter-overhead.mjs [--runs 7] [--files 50] [--tests 100] [--json]
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { childCpuMs, machine, median, step } from './machine.mjs'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    files: { type: 'string', default: '50' },
    tests: { type: 'string', default: '100' },
    runners: { type: 'string', default: 'vitest,jest' },
    json: { type: 'boolean', default: false },
  },
})
const runs = Number(values.runs)
const files = Number(values.files)
const tests = Number(values.tests)
const here = dirname(fileURLToPath(import.meta.url))
const work = join(here, '.work', 'reporter-overhead')
const require = createRequire(import.meta.url)
const bins = {
  jest: join(dirname(require.resolve('jest/package.json')), 'bin', 'jest.js'),
  vitest: join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs'),
}

function generate() {
  rmSync(work, { recursive: true, force: true })
  mkdirSync(join(work, 'tests'), { recursive: true })
  for (let f = 0; f < files; f++) {
    const body = Array.from({ length: tests }, (_, t) => `  test('case ${t} computes', () => { expect(${t} * 2).toBe(${t * 2}) })`).join(
      '\n',
    )
    writeFileSync(
      join(work, 'tests', `file${f}.test.js`),
      `import { describe, expect, test } from 'vitest'\ndescribe('file ${f}', () => {\n${body}\n})\n`,
    )
    writeFileSync(join(work, 'tests', `file${f}.spec.cjs`), `describe('file ${f}', () => {\n${body}\n})\n`)
  }
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'overhead-suite', type: 'module' }))
  const jestConfig = (reporters) =>
    `module.exports = { rootDir: ${JSON.stringify(work)}, testMatch: ['<rootDir>/tests/*.spec.cjs'], transform: {}, reporters: ${JSON.stringify(reporters)}, cacheDirectory: ${JSON.stringify(join(work, '.jest-cache'))} }\n`
  writeFileSync(join(work, 'jest.plain.config.cjs'), jestConfig(['default']))
  writeFileSync(join(work, 'jest.aqe.config.cjs'), jestConfig(['default', '@aqe/jest']))
  writeFileSync(join(work, 'vitest.plain.config.mjs'), "export default { test: { include: ['tests/*.test.js'] } }\n")
  writeFileSync(
    join(work, 'vitest.aqe.config.mjs'),
    "import { aqe } from '@aqe/vitest'\nexport default { plugins: [aqe()], test: { include: ['tests/*.test.js'] } }\n",
  )
}

function timeRun(runner, variant) {
  const args =
    runner === 'jest'
      ? [bins.jest, '--ci', '--config', join(work, `jest.${variant}.config.cjs`)]
      : [bins.vitest, 'run', '--config', join(work, `vitest.${variant}.config.mjs`)]
  const env = { ...process.env, AQE_HISTORY_DB: join(work, `${runner}.db`), FORCE_COLOR: '0' }
  const cpuBefore = childCpuMs()
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  const wall = Number(process.hrtime.bigint() - start) / 1e6
  const cpu = cpuBefore === undefined ? undefined : childCpuMs() - cpuBefore
  if (result.status !== 0) throw new Error(`${runner} ${variant} failed:\n${result.stderr}`)
  if (result.stderr.includes('[aqe]')) throw new Error(`aqe warned during the ${runner} run:\n${result.stderr}`)
  return { wall, cpu }
}

step(`generating ${files} files x ${tests} tests for each runner in ${work}`)
generate()
const results = []
for (const runner of values.runners.split(',')) {
  timeRun(runner, 'plain')
  timeRun(runner, 'aqe')
  const times = { plain: [], aqe: [] }
  for (let i = 0; i < runs; i++) {
    // Alternate which variant goes first so drift in machine load hits both alike.
    for (const variant of i % 2 ? ['aqe', 'plain'] : ['plain', 'aqe']) times[variant].push(timeRun(runner, variant))
    const [p, a] = [times.plain.at(-1), times.aqe.at(-1)]
    step(
      `${runner} run ${i + 1}/${runs}: plain ${p.wall.toFixed(0)} ms wall / ${p.cpu} ms CPU, aqe ${a.wall.toFixed(0)} ms wall / ${a.cpu} ms CPU`,
    )
  }
  const summary = (key) => {
    const plain = median(times.plain.map((t) => t[key]))
    const withAqe = median(times.aqe.map((t) => t[key]))
    // Each A/B pair ran back to back, so paired differences cancel most of the machine's drift.
    const diffs = times.aqe.map((t, i) => ((t[key] - times.plain[i][key]) / times.plain[i][key]) * 100)
    const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length
    const sd = Math.sqrt(diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / Math.max(1, diffs.length - 1))
    return {
      plainMedianMs: Math.round(plain),
      aqeMedianMs: Math.round(withAqe),
      overheadPct: Number((((withAqe - plain) / plain) * 100).toFixed(2)),
      pairedMeanPct: Number(mean.toFixed(2)),
      pairedCi95Pct: Number(((1.96 * sd) / Math.sqrt(diffs.length)).toFixed(2)),
    }
  }
  results.push({
    runner,
    tests: files * tests,
    runs,
    wall: summary('wall'),
    cpu: times.plain[0].cpu === undefined ? undefined : summary('cpu'),
  })
}
if (values.json) process.stdout.write(`${JSON.stringify({ machine: machine(), results }, null, 2)}\n`)
else {
  process.stdout.write(`reporter overhead (${machine()})\n`)
  const line = (label, s) =>
    `${label} plain ${s.plainMedianMs} ms, with aqe ${s.aqeMedianMs} ms, ratio of medians ${s.overheadPct}% (paired mean ${s.pairedMeanPct}% ± ${s.pairedCi95Pct}%)`
  for (const r of results) {
    process.stdout.write(
      `${r.runner.padEnd(7)} ${r.tests} tests, ${r.runs} runs each (medians): ${line('wall', r.wall)}${r.cpu ? `; ${line('CPU', r.cpu)}` : ''}\n`,
    )
  }
}
