#!/usr/bin/env node
// Retrieval quality of the pattern store on a labelled set built from real packages' own tests:
// for each function under test (a declaration a test imports from a relative module, followed
// through re-exports), the query is that function's source and the relevant patterns are the
// tests that use it. Patterns are stored without their code under test, so the answer is not
// in the pattern text. Reports MRR@10 and recall@10 for dense, keyword and hybrid, per embedder.
// Usage: node benchmarks/patterns/retrieval-quality.mjs [--embedders hashed,sentence,gguf] [--json]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import {
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
  return { patterns: unique, queries: [...relevant.entries()].map(([id, e]) => ({ id, text: e.source.slice(0, 1500), keys: e.keys })) }
}

function score(rankedKeys, relevantKeys) {
  const first = rankedKeys.findIndex((k) => relevantKeys.has(k))
  const found = rankedKeys.filter((k) => relevantKeys.has(k)).length
  return { rr: first < 0 ? 0 : 1 / (first + 1), recall: found / relevantKeys.size }
}

async function embedderFor(kind) {
  if (kind === 'hashed') return new HashedCodeEmbedder()
  if (kind === 'sentence') return SentenceEncoderEmbedder.load()
  const model = join(modelsDir, 'stories260K.gguf')
  if (!existsSync(model)) throw new Error(`--embedders gguf needs ${model} (set AQE_TEST_MODELS)`)
  return GgufEmbedder.load({ modelPath: model, threads: 1 })
}

const { patterns, queries } = labelledSet()
step(
  `${patterns.length} patterns, ${queries.length} functions under test with ${queries.reduce((n, q) => n + q.keys.size, 0)} (function, test) pairs; ${machine()}`,
)
const rows = []
for (const kind of values.embedders.split(',')) {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-bench-quality-'))
  try {
    const embedder = await embedderFor(kind)
    const t = performance.now()
    const store = await PatternStore.open({ path: join(dir, 'patterns.db'), embedder, exactBelow: 0, onProgress: (m) => step(m) })
    await store.write(patterns)
    step(`${embedder.id}: indexed in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    const keyOf = (id) => {
      const p = store.get(id)
      return `${p.file} > ${p.name}`
    }
    const totals = { dense: { rr: 0, recall: 0 }, keyword: { rr: 0, recall: 0 }, hybrid: { rr: 0, recall: 0 } }
    const vectors = await embedder.embed(queries.map((q) => q.text))
    for (const [i, q] of queries.entries()) {
      const lists = {
        dense: store.denseSearch(vectors[i], 10).map(keyOf),
        keyword: store.keywordSearch(q.text, 10).map(keyOf),
        hybrid: (await store.search(q.text, { top: 10 })).map((m) => `${m.pattern.file} > ${m.pattern.name}`),
      }
      for (const [name, keys] of Object.entries(lists)) {
        const s = score(keys, q.keys)
        totals[name].rr += s.rr
        totals[name].recall += s.recall
      }
    }
    for (const [method, t2] of Object.entries(totals)) {
      rows.push({
        embedder: embedder.id,
        method,
        mrrAt10: Number((t2.rr / queries.length).toFixed(3)),
        recallAt10: Number((t2.recall / queries.length).toFixed(3)),
      })
    }
    step(JSON.stringify(rows.slice(-3)))
    store.close()
    await embedder.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
const out = { machine: machine(), patterns: patterns.length, queries: queries.length, rows }
process.stdout.write(
  values.json ? `${JSON.stringify(out, null, 2)}\n` : `${out.machine}\n${rows.map((r) => JSON.stringify(r)).join('\n')}\n`,
)
