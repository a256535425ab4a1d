#!/usr/bin/env node
// Ingest throughput: executions per second written into a new history store, the way reporters
// write (one transaction per test file through RunRecorder) and the way imports and merges
// write (one transaction per run). Leaves the store behind for history-query.mjs.
// Usage: node benchmarks/ingest-throughput.mjs [--executions 1000000] [--tests 2000] [--out FILE] [--json]
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { RunRecorder, SqliteHistoryStore } from '@aqe/core'
import { machine, step } from './machine.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const { values } = parseArgs({
  options: {
    executions: { type: 'string', default: '1000000' },
    tests: { type: 'string', default: '2000' },
    out: { type: 'string', default: join(here, '.work', 'history-1m.db') },
    json: { type: 'boolean', default: false },
  },
})
const total = Number(values.executions)
const testsPerRun = Number(values.tests)
const filesPerRun = testsPerRun / 20
const runs = Math.ceil(total / testsPerRun)

// Deterministic, realistic mix: ~2% failures (a third of them retried and passing), 1% skipped.
function attemptsOf(run, file) {
  const attempts = []
  for (let t = 0; t < 20; t++) {
    const id = file * 20 + t
    const roll = (id * 7919 + run * 104729) % 1000
    const base = {
      file: `src/module${file}/feature.test.ts`,
      fullName: `module ${file} > behaves in case ${t}`,
      durationMs: 1 + ((id * 31) % 200),
    }
    if (roll < 7) {
      attempts.push({ ...base, attempt: 0, status: 'failed', errorName: 'Error', errorMessage: `timeout after ${roll}ms` })
      attempts.push({ ...base, attempt: 1, status: 'passed' })
    } else if (roll < 20)
      attempts.push({ ...base, attempt: 0, status: 'failed', errorName: 'AssertionError', errorMessage: `expected ${roll} to be 0` })
    else if (roll < 30) attempts.push({ ...base, attempt: 0, status: 'skipped', durationMs: undefined })
    else attempts.push({ ...base, attempt: 0, status: 'passed' })
  }
  return attempts
}

// Generated before timing, so the figures measure the store, not the data generator.
step(`generating ${runs} runs x ${testsPerRun} tests`)
const batches = Array.from({ length: runs }, (_, r) => Array.from({ length: filesPerRun }, (_, f) => attemptsOf(r, f)))

function measure(label, path, write) {
  rmSync(path, { force: true })
  rmSync(`${path}-wal`, { force: true })
  rmSync(`${path}-shm`, { force: true })
  mkdirSync(dirname(path), { recursive: true })
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  const executions = write(path)
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const used = process.cpuUsage(cpu)
  const cpuSeconds = (used.user + used.system) / 1e6
  step(`${label}: ${executions} executions in ${seconds.toFixed(2)} s (${cpuSeconds.toFixed(2)} s CPU)`)
  return {
    label,
    executions,
    seconds: Number(seconds.toFixed(3)),
    perSecond: Math.round(executions / seconds),
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    perCpuSecond: Math.round(executions / cpuSeconds),
  }
}

const startedAt = new Date('2026-01-01T00:00:00Z')
const results = [
  measure('reporter path (RunRecorder, one transaction per file)', values.out, (path) => {
    let n = 0
    for (let r = 0; r < runs; r++) {
      const recorder = new RunRecorder({
        dbPath: path,
        run: {
          runKey: `run-${r}`,
          runner: 'vitest',
          startedAt: new Date(startedAt.getTime() + r * 60_000),
          commit: `c${r >> 2}`,
          branch: 'main',
        },
      })
      for (const attempts of batches[r]) {
        recorder.record(attempts)
        n += attempts.length
      }
      recorder.finish({ outcome: 'passed', endedAt: new Date(startedAt.getTime() + r * 60_000 + 30_000) })
      if (r % 50 === 49) step(`reporter path: ${r + 1}/${runs} runs`)
    }
    return n
  }),
  measure('import path (addRuns, one transaction per run)', join(dirname(values.out), 'ingest-import.db'), (path) => {
    const store = SqliteHistoryStore.open(path)
    let n = 0
    for (let r = 0; r < runs; r++) {
      const attempts = batches[r].flat()
      store.addRuns([{ run: { runKey: `run-${r}`, runner: 'jest', startedAt }, attempts }])
      n += attempts.length
    }
    store.close()
    return n
  }),
]
rmSync(join(dirname(values.out), 'ingest-import.db'), { force: true })
if (values.json) process.stdout.write(`${JSON.stringify({ machine: machine(), results, store: values.out }, null, 2)}\n`)
else {
  process.stdout.write(`ingest throughput (${machine()})\n`)
  for (const r of results) {
    process.stdout.write(
      `${r.label}: ${r.executions} executions in ${r.seconds} s = ${r.perSecond} executions/s (${r.perCpuSecond} per CPU-second)\n`,
    )
  }
  process.stdout.write(`store kept at ${values.out} for benchmarks/history-query.mjs\n`)
}
