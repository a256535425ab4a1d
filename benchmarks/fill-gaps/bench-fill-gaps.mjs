#!/usr/bin/env node
// pnpm bench:fill-gaps [--package NAME@VERSION] [--generator explorer|model] [--budget-seconds N] [--json]
// Runs the whole fill-gaps pipeline on packages of the development split (testgen.md §6): a verified
// tarball in a fresh workspace without its own tests, the import-only baseline, then fill-gaps with
// --write, then coverage again with the accepted tests. Prints the funnel and coverage before/after.
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { fillGaps, openModelCompletion } from '@aqe/generator'
import { machine, median } from '../machine.mjs'
import { DEV_SPLIT, preparePackage, runCoverage } from './prepare-package.mjs'

const { values } = parseArgs({
  options: {
    package: { type: 'string', multiple: true },
    generator: { type: 'string', default: 'explorer' },
    'budget-seconds': { type: 'string', default: '300' },
    'explore-seconds': { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
  },
})
if (!['explorer', 'model'].includes(values.generator)) {
  console.error(`--generator must be explorer or model, got ${values.generator}`)
  process.exit(2)
}
const specs = values.package ?? Object.keys(DEV_SPLIT)
const sink = new Writable({ write: (_chunk, _encoding, done) => done() })

const rows = []
for (const spec of specs) {
  const prepared = preparePackage(spec)
  const before = runCoverage(prepared.dir)
  const started = Date.now()
  // The model path needs a model: AQE_BENCH_MODEL (a GGUF file) or ANTHROPIC_API_KEY.
  const model = values.generator === 'model' ? await openModelCompletion({ model: process.env.AQE_BENCH_MODEL }, prepared.dir) : undefined
  if (values.generator === 'model' && !model) {
    console.error('--generator model needs AQE_BENCH_MODEL=<file.gguf> or ANTHROPIC_API_KEY')
    process.exit(2)
  }
  const summary = await fillGaps({
    root: prepared.dir,
    framework: 'vitest',
    coverageFiles: ['coverage/coverage-final.json'],
    write: true,
    top: 1000,
    generators: [values.generator],
    complete: model?.complete,
    budgetSeconds: Number(values['budget-seconds']),
    exploreMs: Number(values['explore-seconds']) * 1000,
    diffStream: sink,
  })
  await model?.close()
  const after = runCoverage(prepared.dir)
  rows.push({
    package: spec,
    generator: values.generator,
    generated: summary.funnel.generated,
    accepted: summary.funnel.accepted ?? 0,
    funnel: summary.funnel,
    repaired: summary.repaired,
    stmtBefore: before.statements,
    stmtAfter: after.statements,
    branchBefore: before.branches,
    branchAfter: after.branches,
    testsPassing: after.passed,
    testsFailing: after.failed,
    wallSeconds: Math.round((Date.now() - started) / 1000),
    budgetExhausted: summary.budgetExhausted,
  })
}

if (values.json) {
  process.stdout.write(`${JSON.stringify(rows.length === 1 ? rows[0] : rows, null, 2)}\n`)
} else {
  console.log(`fill-gaps, ${values.generator} generator, ${machine()}`)
  console.log('package              generated accepted  stmt before → after   branch before → after   wall')
  for (const r of rows) {
    console.log(
      `${r.package.padEnd(20)} ${String(r.generated).padStart(9)} ${String(r.accepted).padStart(8)}  ${r.stmtBefore.toFixed(1).padStart(6)}% → ${r.stmtAfter.toFixed(1).padStart(5)}%   ${r.branchBefore.toFixed(1).padStart(6)}% → ${r.branchAfter.toFixed(1).padStart(5)}%   ${r.wallSeconds} s`,
    )
  }
  if (rows.length > 1) {
    console.log(
      `median statements ${median(rows.map((r) => r.stmtAfter)).toFixed(1)}% (Nessie 51.3%), branches ${median(rows.map((r) => r.branchAfter)).toFixed(1)}% (Nessie 25.6%)`,
    )
  }
}
