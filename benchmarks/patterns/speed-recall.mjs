#!/usr/bin/env node
// Pattern-store speed and recall: builds stores of N patterns from real test code, then runs
// hybrid queries (the full PatternStore.search: embed, HNSW, FTS5 bm25, RRF, feedback, rows) and
// measures HNSW recall@10 against the exact scan over the same vectors.
// The ~3,400 real test cases (see real-tests.mjs) are extended to N by appending to each a
// window of lines from another real test case, so vectors keep the clustered shape of real
// code rather than the pathological uniform-random case.
// Usage: node benchmarks/patterns/speed-recall.mjs [--sizes 10000,100000] [--queries 1000] [--ef 100,200] [--embedder hashed|sentence] [--json]
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { HashedCodeEmbedder, PatternStore, SentenceEncoderEmbedder } from '../../packages/patterns/dist/index.js'
import { machine, step } from '../machine.mjs'
import { realTestPatterns } from './real-tests.mjs'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    queries: { type: 'string', default: '1000' },
    embedder: { type: 'string', default: 'hashed' },
    ef: { type: 'string', default: '100,200' },
    json: { type: 'boolean', default: false },
  },
})
const sizes = values.sizes.split(',').map(Number)
const queryCount = Number(values.queries)

/** N patterns: the real ones, then variants of them (real test + lines of another real test). */
function corpus(real, n) {
  const out = real.slice(0, n)
  for (let i = out.length; i < n; i++) {
    const base = real[i % real.length]
    const other = real[(i * 7919) % real.length].code.split('\n')
    const from = (i * 31) % Math.max(1, other.length)
    const extra = other.slice(from, from + 4).join('\n')
    out.push({ ...base, name: `${base.name} #${i}`, code: `${base.code}\n${extra}` })
  }
  return out
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]

async function embedderFor(kind) {
  return kind === 'sentence' ? SentenceEncoderEmbedder.load() : new HashedCodeEmbedder()
}

const real = realTestPatterns()
step(`${real.length} real test cases parsed; ${machine()}`)
// Queries: real test names (what a user types) and real test code (what the generator has), alternating.
const queries = Array.from({ length: queryCount }, (_, i) => {
  const p = real[(i * 104729) % real.length]
  return i % 2 === 0 ? p.name.split(' > ').join(' ') : p.code.slice(0, 400)
})
const results = []
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-bench-patterns-'))
  const path = join(dir, 'patterns.db')
  try {
    const patterns = corpus(real, n)
    const embedder = await embedderFor(values.embedder)
    let store = await PatternStore.open({ path, embedder, exactBelow: 0, onProgress: (m) => step(m) })
    let t = performance.now()
    await store.write(patterns)
    const writeS = (performance.now() - t) / 1000
    store.close()
    rmSync(`${path}.${embedder.id}.hnsw`)
    t = performance.now()
    store = await PatternStore.open({ path, embedder, exactBelow: 0 })
    const hnswBuildS = (performance.now() - t) / 1000
    store.close()
    const vectors = await embedder.embed(queries)
    for (const efSearch of values.ef.split(',').map(Number)) {
      t = performance.now()
      store = await PatternStore.open({ path, embedder, exactBelow: 0, hnsw: { efSearch } })
      const loadS = (performance.now() - t) / 1000
      step(
        `n=${n}: write ${writeS.toFixed(1)} s, HNSW rebuild ${hnswBuildS.toFixed(1)} s, reopen ${loadS.toFixed(2)} s (${store.indexState}), ef ${efSearch}`,
      )
      for (const q of queries.slice(0, 50)) await store.search(q, { top: 10 })
      const latencies = []
      const start = performance.now()
      for (const q of queries) {
        const q0 = performance.now()
        await store.search(q, { top: 10 })
        latencies.push(performance.now() - q0)
      }
      const wall = (performance.now() - start) / 1000
      latencies.sort((a, b) => a - b)
      let hits = 0
      const denseLatencies = []
      for (const v of vectors) {
        const exact = new Set(store.exactSearch(v, 10))
        const d0 = performance.now()
        const approx = store.denseSearch(v, 10)
        denseLatencies.push(performance.now() - d0)
        hits += approx.filter((id) => exact.has(id)).length
      }
      denseLatencies.sort((a, b) => a - b)
      const row = {
        patterns: n,
        embedder: embedder.id,
        efSearch,
        writeS: Number(writeS.toFixed(1)),
        hnswBuildS: Number(hnswBuildS.toFixed(1)),
        reopenS: Number(loadS.toFixed(2)),
        hybridP50Ms: Number(percentile(latencies, 0.5).toFixed(3)),
        hybridP99Ms: Number(percentile(latencies, 0.99).toFixed(3)),
        hybridQps: Math.round(queryCount / wall),
        denseP50Ms: Number(percentile(denseLatencies, 0.5).toFixed(3)),
        recallAt10: Number((hits / (vectors.length * 10)).toFixed(4)),
        load: loadavg()[0].toFixed(2),
      }
      step(JSON.stringify(row))
      results.push(row)
      if (efSearch !== Number(values.ef.split(',').at(-1))) store.close()
    }
    store.close()
    await embedder.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
const out = { machine: machine(), queries: queryCount, results }
process.stdout.write(
  values.json ? `${JSON.stringify(out, null, 2)}\n` : `${out.machine}\n${results.map((r) => JSON.stringify(r)).join('\n')}\n`,
)
