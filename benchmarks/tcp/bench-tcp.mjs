#!/usr/bin/env node
// Online replay benchmark of test prioritisation on a RETECS/COLEMAN-layout CI history.
// Usage: pnpm bench:tcp --data FILE [--budget 0.5] [--seeds 30] [--json] [--known-durations]
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { SeededRandom } from '@aqe/core'
import { machine } from '../machine.mjs'
import { aqePolicy } from './aqe-policy.mjs'
import { oraclePolicy, randomPolicy, sortingPolicy, weightingPolicy } from './baseline-policies.mjs'
import { measureRanking } from './ranking-speed.mjs'
import { readCycles } from './read-cycles.mjs'
import { replay } from './replay.mjs'

const REPORTED_BUDGETS = [0.1, 0.5, 0.8]
const POLICIES = {
  aqe: (seed) => aqePolicy(seed, { knownDurationsOnly: values['known-durations'] }),
  random: (seed) => randomPolicy(new SeededRandom(seed)),
  sorting: (seed) => sortingPolicy(new SeededRandom(seed)),
  weighting: (seed) => weightingPolicy(new SeededRandom(seed)),
  oracle: (seed) => oraclePolicy(new SeededRandom(seed)),
}

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    budget: { type: 'string', default: '0.5' },
    seeds: { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
    // Give aqe only the durations of earlier cycles (a new test gets the median), not the cycle's own.
    'known-durations': { type: 'boolean', default: false },
  },
})
const budget = Number(values.budget)
const seeds = Number(values.seeds)
if (!values.data)
  fail(
    '--data FILE is required: a semicolon-separated CSV with Name, Duration, Verdict and Cycle columns, e.g. ../shared/datasets/tcp/iofrol.csv.',
  )
if (!(budget > 0 && budget <= 1)) fail(`--budget must be a share of the cycle's time in (0, 1], got "${values.budget}".`)
if (!(Number.isInteger(seeds) && seeds > 0)) fail(`--seeds must be a positive integer, got "${values.seeds}".`)
const dataFile = resolve(values.data)
if (!existsSync(dataFile))
  fail(`the data file ${dataFile} does not exist. The IOF/ROL history lives outside the repository, in ../shared/datasets/tcp/iofrol.csv.`)

const started = performance.now()
const cycles = loadCycles(dataFile)
const budgets = [...new Set([...REPORTED_BUDGETS, budget])].sort((a, b) => a - b)
progress(`${cycles.length} cycles, ${cycles.reduce((n, c) => n + c.length, 0)} test executions from ${dataFile}`)

const results = []
let lastAgent
for (const [policy, make] of Object.entries(POLICIES)) {
  const runs = []
  for (let s = 1; s <= seeds; s++) {
    const instance = make(s)
    runs.push(replay(cycles, instance, budgets, budget))
    if ('agent' in instance) lastAgent = instance.agent
    progress(`${policy}: seed ${s}/${seeds}`, s < seeds)
  }
  const perBudget = Object.fromEntries(budgets.map((b) => [b, meanAndSd(runs.map((r) => /** @type {number} */ (r.napfdByBudget.get(b))))]))
  results.push({
    policy,
    napfd: round(perBudget[budget].mean),
    napfdStd: round(perBudget[budget].sd),
    apfd: round(meanAndSd(runs.map((r) => r.apfd)).mean),
    apfdc: round(meanAndSd(runs.map((r) => r.apfdc)).mean),
    seconds: round(meanAndSd(runs.map((r) => r.seconds)).mean),
    budgets: Object.fromEntries(budgets.map((b) => [b, round(perBudget[b].mean)])),
    failingCycles: runs[0]?.failingCycles ?? 0,
  })
}
const totalSeconds = (performance.now() - started) / 1000
const ranking = measureRanking(lastAgent, 2000)
const machineText = machine()

if (values.json) {
  process.stdout.write(
    `${JSON.stringify(
      results.map(({ policy, napfd, napfdStd, apfd, apfdc, seconds }) => ({ policy, napfd, napfdStd, apfd, apfdc, seconds })),
      null,
      2,
    )}\n`,
  )
  progress(`total replay time ${totalSeconds.toFixed(2)} s; ordering 2,000 tests: median ${ranking.medianMs.toFixed(2)} ms; ${machineText}`)
} else {
  process.stdout.write(renderTable(results, budgets, budget, seeds, totalSeconds, ranking, machineText))
}

function renderTable(rows, budgetList, main, seedCount, total, rank, machineText) {
  const pct = (b) => `${Math.round(b * 100)} %`
  const head = [
    'Policy',
    ...budgetList.map((b) => `NAPFD @${pct(b)}${b === main ? ' (± sd over seeds)' : ''}`),
    'APFD (full order)',
    `APFDc @${pct(main)}`,
    's / replay',
  ]
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`]
  for (const r of rows) {
    const cells = budgetList.map((b) => (b === main ? `${fmt(r.napfd)} ± ${fmt(r.napfdStd)}` : fmt(r.budgets[b])))
    lines.push(`| ${r.policy} | ${cells.join(' | ')} | ${fmt(r.apfd)} | ${fmt(r.apfdc)} | ${r.seconds.toFixed(3)} |`)
  }
  return `${lines.join('\n')}

Mean over the ${rows[0]?.failingCycles ?? 0} cycles with at least one failure; ${seedCount} seeds per policy.${values['known-durations'] ? "\naqe was given only durations from earlier cycles (--known-durations); the other policies, the cycle's listed durations." : ''}
Total replay time (all policies and seeds, data loading included): ${total.toFixed(2)} s.
Ordering 2,000 tests with the trained aqe agent: median ${rank.medianMs.toFixed(2)} ms, max ${rank.maxMs.toFixed(2)} ms over ${rank.repeats} runs.
Machine: ${machineText}.
`
}

function meanAndSd(list) {
  const mean = list.reduce((a, b) => a + b, 0) / list.length
  const sd = list.length > 1 ? Math.sqrt(list.reduce((a, b) => a + (b - mean) ** 2, 0) / (list.length - 1)) : 0
  return { mean, sd }
}

function round(x) {
  return Math.round(x * 10000) / 10000
}

function fmt(x) {
  return x.toFixed(3)
}

function progress(text, transient = false) {
  if (process.stderr.isTTY && transient) process.stderr.write(`\r${text}`)
  else process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}${text}\n`)
}

function loadCycles(file) {
  try {
    return readCycles(file)
  } catch (error) {
    fail(error.message)
  }
}

function fail(message) {
  process.stderr.write(`bench:tcp: ${message}\n`)
  process.exit(2)
}
