#!/usr/bin/env node
// `aqe history` on a large store: builds (or reuses) a store of about 1,000,000 executions with
// ingest-throughput.mjs, then times the whole `aqe history --json` command (process start
// included) and the summary query alone. Usage: node benchmarks/history-query.mjs [--runs 5] [--json]
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { SqliteHistoryStore, summarizeHistory } from '@aqe/core'
import { machine, median, step } from './machine.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } } })
const db = join(here, '.work', 'history-1m.db')
const aqe = join(here, '..', 'packages', 'cli', 'dist', 'bin.js')

if (!existsSync(db)) {
  step('building a 1,000,000-execution store first (benchmarks/ingest-throughput.mjs)')
  execFileSync(process.execPath, [join(here, 'ingest-throughput.mjs'), '--executions', '1000000'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}
const store = SqliteHistoryStore.open(db, { readonly: true })
const executions = summarizeHistory(store.db).executions
const query = []
for (let i = 0; i < Number(values.runs); i++) {
  const start = performance.now()
  summarizeHistory(store.db)
  query.push(performance.now() - start)
}
store.close()
const command = []
for (let i = 0; i < Number(values.runs); i++) {
  const start = performance.now()
  execFileSync(process.execPath, [aqe, 'history', '--json', '--db', db], { stdio: ['ignore', 'ignore', 'inherit'] })
  command.push(performance.now() - start)
  step(`aqe history run ${i + 1}/${values.runs}: ${command.at(-1).toFixed(0)} ms`)
}
const result = {
  machine: machine(),
  executions,
  commandMedianMs: Math.round(median(command)),
  queryMedianMs: Number(median(query).toFixed(2)),
}
if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
else {
  process.stdout.write(`aqe history on ${executions} executions (${result.machine})\n`)
  process.stdout.write(
    `whole command (node start included): ${result.commandMedianMs} ms median; summary query alone: ${result.queryMedianMs} ms median\n`,
  )
}
