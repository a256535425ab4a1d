#!/usr/bin/env node
// Retrieval quality of the pattern store on a labelled set built from real packages' own tests:
// for each function under test (a declaration a test imports from a relative module, followed
// through re-exports), the query is that function's source and the relevant patterns are the
// tests that use it. Patterns are stored without their code under test, so the answer is not
// in the pattern text. Reports MRR@10 and recall@10 for dense, keyword and hybrid, per embedder.
//
// Fusion tuning without peeking: the queries are split in two halves by a hash of the function's
// id (stable as the set grows). A grid of fusion settings is scored on one half (MRR@10 + R@10)
// and the winner is reported on the other half only; then the halves swap. The embedders'
// shipped defaults (their `fusion`) are the winners on half A, so half B is their held-out check.
// Usage: node benchmarks/patterns/retrieval-quality.mjs [--embedders hashed,sentence,gguf] [--json]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { hashString } from '../../packages/core/dist/index.js'
import {
  fuseRanks,
  GgufEmbedder,
  HashedCodeEmbedder,
  PatternStore,
  parseTestFile,
  SentenceEncoderEmbedder,
  SubjectExtractor,
  testFilePatterns,
} from '../../packages/patterns/dist/index.js'
import { machine, step } from '../machine.mjs'
import { repoRoot, testFiles } from './real-tests.mjs'

const { values } = parseArgs({
  options: { embedders: { type: 'string', default: 'hashed,sentence,gguf' }, json: { type: 'boolean', default: false } },
})
const modelsDir = process.env.AQE_TEST_MODELS ?? join(repoRoot, '../shared/models')

/**
 * The fusion grid: keyword weight fixed at 1 (RRF is invariant to scaling both weights). Windows
 * stop at 50 for latency: each retriever's window is the rows FTS5 sorts out and the candidates
 * fused, and at 100,000 patterns a hybrid query has about 1 ms.
 */
const GRID = {
  denseWeight: [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.4, 2, 3],
  window: [10, 20, 30, 50],
  rrfK: [10, 30, 60, 100],
}
const STANDARD = { denseWeight: 1, keywordWeight: 1, window: 50, rrfK: 60 }

/** Patterns (without code under test) and queries (function source → keys of the tests that use it). */
function labelledSet() {
  const extractor = new SubjectExtractor()
  const relevant = new Map()
  const patterns = []
  for (const file of testFiles()) {
    const parsed = parseTestFile(readFileSync(file, 'utf8'), file)
    const [base] = testFilePatterns([file], { root: repoRoot })
    if (!base) continue
    for (const test of parsed.tests) {
      const key = `${relative(repoRoot, file)} > ${test.name}`
      patterns.push({ ...base, name: test.name, code: test.code, subject: '' })
      for (const use of test.uses) {
        const declaration = extractor.declaration(file, use)
        if (!declaration || declaration.source.length < 40) continue
        const entry = relevant.get(declaration.id) ?? { source: declaration.source, keys: new Set() }
        entry.keys.add(key)
        relevant.set(declaration.id, entry)
      }
    }
  }
  const seen = new Set()
  const unique = patterns.filter((p) => {
    const key = `${p.file} > ${p.name}`
    return !seen.has(key) && seen.add(key)
  })
  const queries = [...relevant.entries()].map(([id, e]) => ({
    id,
    text: e.source.slice(0, 1500),
    keys: e.keys,
    half: hashString(id) % 2 === 0 ? 'A' : 'B',
  }))
  return { patterns: unique, queries }
}

function score(rankedKeys, relevantKeys) {
  const top = rankedKeys.slice(0, 10)
  const first = top.findIndex((k) => relevantKeys.has(k))
  const found = top.filter((k) => relevantKeys.has(k)).length
  return { rr: first < 0 ? 0 : 1 / (first + 1), recall: found / relevantKeys.size }
}

/** Mean MRR@10 and recall@10 of a ranking function over queries. */
function evaluate(queries, rank) {
  let rr = 0
  let recall = 0
  for (const q of queries) {
    const s = score(rank(q), q.keys)
    rr += s.rr
    recall += s.recall
  }
  return { mrrAt10: rr / queries.length, recallAt10: recall / queries.length }
}

/** The hybrid ranking of store.search (no feedback is recorded here), from precomputed per-window lists. */
function fusedKeys(q, settings) {
  const fused = fuseRanks(
    [
      { ids: settings.denseWeight > 0 ? q.dense[settings.window] : [], weight: settings.denseWeight },
      { ids: q.keyword[settings.window], weight: 1 },
    ],
    settings.rrfK,
  )
  return fused.slice(0, 10).map((f) => q.keyOf(f.id))
}

/** Distance of a setting from standard RRF, for breaking ties towards it. */
const distanceFromStandard = (s) =>
  Math.abs(Math.log((s.denseWeight + 0.01) / 1.01)) + Math.abs(Math.log(s.window / 50)) + Math.abs(Math.log(s.rrfK / 60))

/** The grid point with the best MRR@10 + R@10 on the tuning queries. */
function tune(queries) {
  let best
  for (const denseWeight of GRID.denseWeight) {
    for (const window of GRID.window) {
      for (const rrfK of GRID.rrfK) {
        const settings = { denseWeight, keywordWeight: 1, window, rrfK }
        const m = evaluate(queries, (q) => fusedKeys(q, settings))
        const objective = m.mrrAt10 + m.recallAt10
        const better =
          !best ||
          objective > best.objective + 1e-12 ||
          (Math.abs(objective - best.objective) <= 1e-12 && distanceFromStandard(settings) < distanceFromStandard(best.settings))
        if (better) best = { settings, objective }
      }
    }
  }
  return best.settings
}

async function embedderFor(kind) {
  if (kind === 'hashed') return new HashedCodeEmbedder()
  if (kind === 'sentence') return SentenceEncoderEmbedder.load()
  const model = join(modelsDir, 'stories260K.gguf')
  if (!existsSync(model)) throw new Error(`--embedders gguf needs ${model} (set AQE_TEST_MODELS)`)
  return GgufEmbedder.load({ modelPath: model, threads: 1 })
}

const round = (x) => Number(x.toFixed(3))
const { patterns, queries } = labelledSet()
const halves = { A: queries.filter((q) => q.half === 'A'), B: queries.filter((q) => q.half === 'B') }
step(
  `${patterns.length} patterns, ${queries.length} functions under test (half A ${halves.A.length}, half B ${halves.B.length}) with ${queries.reduce((n, q) => n + q.keys.size, 0)} (function, test) pairs; ${machine()}`,
)
const rows = []
const tuned = []
for (const kind of values.embedders.split(',')) {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-bench-quality-'))
  try {
    const embedder = await embedderFor(kind)
    const t = performance.now()
    const store = await PatternStore.open({ path: join(dir, 'patterns.db'), embedder, exactBelow: 0, onProgress: (m) => step(m) })
    await store.write(patterns)
    step(`${embedder.id}: indexed in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    const keys = new Map()
    const keyOf = (id) => {
      if (!keys.has(id)) {
        const p = store.get(id)
        keys.set(id, `${p.file} > ${p.name}`)
      }
      return keys.get(id)
    }
    const vectors = await embedder.embed(queries.map((q) => q.text))
    const lists = queries.map((q, i) => ({
      ...q,
      keyOf,
      dense: Object.fromEntries(GRID.window.map((w) => [w, store.denseSearch(vectors[i], w)])),
      keyword: Object.fromEntries(GRID.window.map((w) => [w, store.keywordSearch(q.text, w)])),
    }))
    // The shipped defaults, through the real search path.
    const shipped = new Map()
    for (const q of lists)
      shipped.set(
        q.id,
        (await store.search(q.text, { top: 10 })).map((m) => `${m.pattern.file} > ${m.pattern.name}`),
      )
    const defaults = store.searchDefaults
    const replica = lists.every(
      (q) =>
        fusedKeys(q, { ...defaults, denseWeight: defaults.denseWeight / defaults.keywordWeight }).join('\n') ===
        shipped.get(q.id).join('\n'),
    )
    if (!replica && defaults.keywordWeight > 0) step(`${embedder.id}: warning, the benchmark's fusion differs from store.search`)
    for (const [tuneOn, testOn] of [
      ['A', 'B'],
      ['B', 'A'],
    ]) {
      const settings = tune(lists.filter((q) => q.half === tuneOn))
      tuned.push({ embedder: embedder.id, tunedOn: tuneOn, ...settings })
      const test = lists.filter((q) => q.half === testOn)
      const methods = {
        dense: (q) => q.dense[10].map(keyOf),
        keyword: (q) => q.keyword[10].map(keyOf),
        'hybrid, standard RRF': (q) => fusedKeys(q, STANDARD),
        'hybrid, shipped defaults': (q) => shipped.get(q.id),
        [`hybrid, tuned on ${tuneOn}`]: (q) => fusedKeys(q, settings),
      }
      for (const [method, rank] of Object.entries(methods)) {
        const m = evaluate(test, rank)
        rows.push({ embedder: embedder.id, half: testOn, method, mrrAt10: round(m.mrrAt10), recallAt10: round(m.recallAt10) })
      }
    }
    step(`${embedder.id}: defaults ${JSON.stringify({ ...defaults, filter: undefined })}; replica of store.search ${replica}`)
    store.close()
    await embedder.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
const out = {
  machine: machine(),
  patterns: patterns.length,
  queries: queries.length,
  halves: { A: halves.A.length, B: halves.B.length },
  tuned,
  rows,
}
process.stdout.write(
  values.json
    ? `${JSON.stringify(out, null, 2)}\n`
    : `${out.machine}\n${tuned.map((r) => JSON.stringify(r)).join('\n')}\n${rows.map((r) => JSON.stringify(r)).join('\n')}\n`,
)
