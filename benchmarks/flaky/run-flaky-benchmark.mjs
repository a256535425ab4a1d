#!/usr/bin/env node
/**
 * Flaky-detection benchmark (anchors flaky.md §8.1): seeded CI histories written through the real
 * SQLite store, our detector and auto-quarantine against the vendors' rules.
 *
 *   node benchmarks/flaky/run-flaky-benchmark.mjs [--seeds 5] [--tests 500] [--days 30] [--retries 2] [--pr-runs 20] [--json out.json]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { evaluateSeed } from './evaluate-detectors.mjs'
import { defaultSimulation } from './simulate-ci.mjs'
import { BUCKETS, meanCi, median, seedMetrics } from './summarise.mjs'

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '5' },
    tests: { type: 'string', default: String(defaultSimulation.tests) },
    days: { type: 'string', default: String(defaultSimulation.days) },
    retries: { type: 'string', default: String(defaultSimulation.retries) },
    'pr-runs': { type: 'string', default: String(defaultSimulation.prRunsPerDay) },
    json: { type: 'string' },
  },
})
const simulation = {
  ...defaultSimulation,
  tests: Number(values.tests),
  days: Number(values.days),
  retries: Number(values.retries),
  prRunsPerDay: Number(values['pr-runs']),
}
if (simulation.days < 30) throw new Error('--days must be at least 30: the table reports day 7, 14 and 30.')
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1)
const dir = mkdtempSync(join(tmpdir(), 'aqe-flaky-bench-'))
const perDetector = new Map()
const started = Date.now()
try {
  for (const seed of seeds) {
    const result = evaluateSeed(seed, simulation, join(dir, `seed-${seed}.db`))
    for (const detector of result.all) {
      const rows = perDetector.get(detector.name) ?? []
      rows.push(seedMetrics(result, detector))
      perDetector.set(detector.name, rows)
    }
    process.stderr.write(`seed ${seed} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const fmt = ({ mean, ci }, pct = true) =>
  Number.isNaN(mean) ? 'n/a' : pct ? `${(mean * 100).toFixed(1)}% ± ${(ci * 100).toFixed(1)}` : `${mean.toFixed(2)} ± ${ci.toFixed(2)}`
const rows = [...perDetector.entries()].map(([name, ms]) => {
  const pick = (f) => meanCi(ms.map(f))
  return {
    name,
    precision: pick((m) => m.precision),
    recall14: pick((m) => m.recall14AtLeast5),
    recall30: Object.fromEntries(BUCKETS.map(([b]) => [b, pick((m) => m.recall30[b])])),
    runsToDetect: median(ms.map((m) => m.runsToDetectRatio)),
    falseQuarantine: pick((m) => m.falseQuarantine),
    brokenQuarantined: ms.reduce((n, m) => n + m.brokenQuarantined, 0),
    maskedRegression: pick((m) => m.maskedRegression),
    fixedReleased: pick((m) => m.fixedReleased),
    daysToRelease: median(ms.map((m) => m.daysToRelease).filter((d) => Number.isFinite(d))),
    storeAgrees: ms.every((m) => m.storeAgrees),
  }
})
const lines = [
  `Seeds 1–${seeds.length}, ${simulation.tests} tests, ${simulation.days} days × (${simulation.runsPerDay} default-branch + ${simulation.prRunsPerDay} pull-request runs), ${simulation.retries} retries; mean ± 95 % CI over seeds.`,
  '',
  `| detector | precision (day 30) | recall p ≥ 5 % by day 14 | ${BUCKETS.map(([b]) => `recall p ${b}`).join(' | ')} | runs-to-detect / median bound (p ≥ 5 %) | false quarantine | broken quarantined | masked regressions | fixed flakes released | days fix → release (median) |`,
  `|---|---:|---:|${BUCKETS.map(() => '---:').join('|')}|---:|---:|---:|---:|---:|---:|`,
  ...rows.map(
    (r) =>
      `| ${r.name} | ${fmt(r.precision)} | ${fmt(r.recall14)} | ${BUCKETS.map(([b]) => fmt(r.recall30[b])).join(' | ')} | ${Number.isFinite(r.runsToDetect) ? r.runsToDetect.toFixed(2) : '∞'} | ${fmt(r.falseQuarantine)} | ${r.brokenQuarantined} | ${fmt(r.maskedRegression)} | ${fmt(r.fixedReleased)} | ${Number.isFinite(r.daysToRelease) ? r.daysToRelease.toFixed(1) : 'n/a'} |`,
  ),
  '',
  `Store check: the detector's labels read back from SQLite ${rows[0]?.storeAgrees ? 'match' : 'DO NOT match'} the in-memory labels at days 7, 14 and 30.`,
  `Wall time: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
]
process.stdout.write(`${lines.join('\n')}\n`)
if (values.json) writeFileSync(values.json, `${JSON.stringify({ simulation, seeds, rows }, null, 2)}\n`)
