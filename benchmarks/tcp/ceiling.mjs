#!/usr/bin/env node
// How high can an order learnt from history go on a CI history? Prints upper bounds that use
// knowledge a CI run does not have (the cycle's verdicts, or each test's future), next to their
// honest online counterparts. Evidence for docs/benchmarks.md#prioritisation.
// Usage: node benchmarks/tcp/ceiling.mjs --data FILE [--budget 0.5] [--json]
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { napfd } from '@aqe/core'
import { readCycles } from './read-cycles.mjs'

/** @typedef {import('./read-cycles.mjs').TestRow} TestRow */
/** @typedef {{ ci: number, ids: string[], durations: Map<string, number> }} CycleView */

// Probability-based rows rank by P(fail) / (duration + 1)^COST_EXPONENT: a mild "failures per
// second" term. 0.2 is the best of {0, 0.2, 0.4} for every row, so the bounds are not understated.
const COST_EXPONENT = 0.2
// Prior strength (in runs) and prior failure rate of the smoothed rates.
const PRIOR_RUNS = 2
const PRIOR_RATE = 0.3
const NEW_TEST_RATE = 0.6
const RATE_BINS = 20

const { values } = parseArgs({
  options: { data: { type: 'string' }, budget: { type: 'string', default: '0.5' }, json: { type: 'boolean', default: false } },
})
const budget = Number(values.budget)
if (!values.data) fail('--data FILE is required, e.g. ../shared/datasets/tcp/iofrol.csv.')
if (!(budget > 0 && budget <= 1)) fail(`--budget must be a share in (0, 1], got "${values.budget}".`)
const file = resolve(values.data)
if (!existsSync(file)) fail(`the data file ${file} does not exist.`)
const cycles = readCycles(file)

// Test-level verdicts per cycle: a test failed in a cycle if any of its runs there failed.
/** @type {Map<string, number>[]} */
const verdicts = cycles.map((rows) => {
  const failed = new Map()
  for (const row of rows) failed.set(row.id, Math.max(failed.get(row.id) ?? 0, row.failed ? 1 : 0))
  return failed
})
/** Whole-replay counts per test: [cycles run, cycles failed]. */
const totals = new Map()
for (const failed of verdicts) {
  for (const [id, v] of failed) {
    const t = totals.get(id) ?? [0, 0]
    t[0]++
    t[1] += v
    totals.set(id, t)
  }
}
// Test-level history before each cycle: the verdicts of its earlier cycles, oldest first.
/** @type {Map<string, number[]>[]} */
const before = []
{
  /** @type {Map<string, number[]>} */
  const history = new Map()
  for (const failed of verdicts) {
    before.push(new Map([...failed.keys()].map((id) => [id, [...(history.get(id) ?? [])]])))
    for (const [id, v] of failed) history.set(id, [...(history.get(id) ?? []), v])
  }
}

const smoothed = (/** @type {number} */ failures, /** @type {number} */ runs) => (failures + PRIOR_RUNS * PRIOR_RATE) / (runs + PRIOR_RUNS)
const perSecond = (/** @type {number} */ p, /** @type {number} */ durationMs) => p / (durationMs + 1) ** COST_EXPONENT
/** Leave-one-cycle-out rate: the test's failures over the whole replay, past and future, minus this cycle. */
const looRate = (/** @type {string} */ id, /** @type {number} */ ci) => {
  const [runs, failures] = totals.get(id)
  return smoothed(failures - /** @type {number} */ (verdicts[ci].get(id)), runs - 1)
}
const sizeClass = (/** @type {number} */ n) => Math.min(3, Math.floor(Math.log(n) / 2))
const lastTwo = (/** @type {number[]} */ h) => `${h.at(-1) ?? 'n'}${h.at(-2) ?? 'n'}`
const cellOf = (/** @type {string} */ id, /** @type {number} */ ci) =>
  `${Math.min(RATE_BINS - 1, Math.floor(looRate(id, ci) * RATE_BINS))}|${lastTwo(before[ci].get(id) ?? [])}|${sizeClass(verdicts[ci].size)}`
// P(fail) per cell, fit on the whole replay (hindsight).
const cells = new Map()
verdicts.forEach((failed, ci) => {
  for (const [id, v] of failed) {
    const key = cellOf(id, ci)
    const c = cells.get(key) ?? [0, 0]
    c[0]++
    c[1] += v
    cells.set(key, c)
  }
})

/** @type {[string, string, (id: string, view: CycleView) => number][]} */
const BOUNDS = [
  ['oracle, rows', "knows every run's verdict and may split a test's reruns (the table's oracle)", () => 0],
  [
    'oracle, tests',
    'knows which tests fail this cycle; a test runs as one unit, as a Jest/Vitest file does',
    (id, { ci, durations }) => perSecond(/** @type {number} */ (verdicts[ci].get(id)), durations.get(id) ?? 0),
  ],
  [
    'hindsight rate, incl. this cycle',
    "each test's failure rate over the whole replay, this cycle's verdict included (a leak)",
    (id, { durations }) => {
      const [runs, failures] = totals.get(id)
      return perSecond(smoothed(failures, runs), durations.get(id) ?? 0)
    },
  ],
  [
    'hindsight cells',
    'P(fail) per (leave-one-out rate, last two verdicts, cycle size), fit on the whole replay',
    (id, { ci, durations }) => {
      const [runs, failures] = cells.get(cellOf(id, ci))
      return perSecond(failures / runs, durations.get(id) ?? 0)
    },
  ],
  [
    'hindsight rate, leave-one-out',
    "each test's failure rate over all other cycles, past and future",
    (id, { ci, durations }) => perSecond(looRate(id, ci), durations.get(id) ?? 0),
  ],
  [
    'online rate (legitimate)',
    "each test's failure rate over earlier cycles only; new tests 0.6",
    (id, { ci, durations }) => {
      const h = before[ci].get(id) ?? []
      const p =
        h.length === 0
          ? NEW_TEST_RATE
          : smoothed(
              h.reduce((a, b) => a + b, 0),
              h.length,
            )
      return perSecond(p, durations.get(id) ?? 0)
    },
  ],
]

const results = BOUNDS.map(([name, knows, score]) => ({ name, knows, napfd: round(replayScores(name, score)) }))
if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
else {
  const lines = [`| Bound | NAPFD @${Math.round(budget * 100)} % | What it knows |`, '| --- | ---: | --- |']
  for (const r of results) lines.push(`| ${r.name} | ${r.napfd.toFixed(3)} | ${r.knows} |`)
  process.stdout.write(`${lines.join('\n')}\n\nMean over the cycles with at least one failure; deterministic, no seeds.\n`)
}

/**
 * Mean NAPFD over failing cycles of the order given by `score` (highest first; the rows of a test
 * stay together; ties: shorter first, then id). The row-level oracle orders rows instead.
 * @param {string} name
 * @param {(id: string, view: CycleView) => number} score
 */
function replayScores(name, score) {
  let sum = 0
  let count = 0
  cycles.forEach((rows, ci) => {
    /** @type {TestRow[]} */
    let order
    if (name === 'oracle, rows') {
      order = [...rows].sort((a, b) => Number(b.failed) - Number(a.failed) || a.durationMs - b.durationMs)
    } else {
      const durations = new Map(rows.map((row) => [row.id, row.durationMs]))
      const ids = [...durations.keys()]
      const view = { ci, ids, durations }
      const scores = new Map(ids.map((id) => [id, score(id, view)]))
      order = [...rows].sort(
        (a, b) =>
          /** @type {number} */ (scores.get(b.id)) - /** @type {number} */ (scores.get(a.id)) ||
          a.durationMs - b.durationMs ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
    }
    const value = napfd(order, budget)
    if (value !== undefined) {
      sum += value
      count++
    }
  })
  return count > 0 ? sum / count : Number.NaN
}

function round(/** @type {number} */ x) {
  return Math.round(x * 10000) / 10000
}

function fail(/** @type {string} */ message) {
  process.stderr.write(`ceiling: ${message}\n`)
  process.exit(2)
}
