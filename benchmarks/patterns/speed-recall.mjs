#!/usr/bin/env node
// Pattern-store speed and recall: builds stores of N patterns from real test code, then runs
// hybrid queries (the full PatternStore.search on a store opened read-only, as `aqe patterns
// search` does: embed, HNSW, FTS5 bm25, RRF, feedback, rows) and measures HNSW recall@10
// against the exact scan over the same vectors.
//
// Recall counts ties as ann-benchmarks does: an HNSW result is correct when its exact cosine is
// at least the 10th exact neighbour's (less 1e-6, float32 rounding). The strict id-set recall is
// printed too; with near-duplicate vectors it depends on which of several equally near patterns
// the exact scan happened to keep.
//
// The ~3,400 real test cases (see real-tests.mjs) are extended to N by appending to each a
// window of lines from another real test case, so vectors keep the clustered shape of real
// code rather than the pathological uniform-random case.
// Usage: node benchmarks/patterns/speed-recall.mjs [--sizes 10000,100000] [--queries 1000] [--ef 100,200]
//   [--m M] [--ef-construction EF] [--runs 3] [--store-dir DIR] [--embedder hashed|sentence]
//   [--keyword-thread-from N|Infinity] [--json]
// --store-dir keeps the built stores there and reuses them on the next run (a 100,000 store takes minutes to build).
// --runs 0 measures recall only (for parameter sweeps).
// --keyword-thread-from Infinity keeps the keyword query on the searching thread (the library's
// default runs it on a worker thread from 10,000 patterns on, in parallel with HNSW).
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (glibc >= 2.35) in the environment puts hnswlib's graph in
// transparent huge pages; each result row reports hugePagesMiB and how hnswlib-node was compiled.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  defaultHnswOptions,
  HashedCodeEmbedder,
  PatternStore,
  readHnswHeader,
  SentenceEncoderEmbedder,
  TIE_EPSILON,
  tieAwareRecall,
} from '../../packages/patterns/dist/index.js'
import { machine, median, step } from '../machine.mjs'
import { realTestPatterns } from './real-tests.mjs'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    queries: { type: 'string', default: '1000' },
    embedder: { type: 'string', default: 'hashed' },
    ef: { type: 'string', default: '100,200' },
    m: { type: 'string' },
    'ef-construction': { type: 'string' },
    runs: { type: 'string', default: '3' },
    'store-dir': { type: 'string' },
    'keyword-thread-from': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
})
const sizes = values.sizes.split(',').map(Number)
const queryCount = Number(values.queries)
const runs = Number(values.runs)
const keywordThreadFrom = values['keyword-thread-from'] === undefined ? undefined : Number(values['keyword-thread-from'])
// The library's defaults unless told otherwise.
const build = {
  m: Number(values.m ?? defaultHnswOptions.m),
  efConstruction: Number(values['ef-construction'] ?? defaultHnswOptions.efConstruction),
}

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

/**
 * How hnswlib-node was compiled: 'native' (-march=native, the workspace's patch; AVX2 distance
 * loops here) or 'portable' (what npm builds elsewhere: SSE only), read from its gyp build files.
 */
function hnswlibBuild() {
  try {
    const require = createRequire(import.meta.resolve('../../packages/patterns/package.json'))
    const makefile = join(dirname(require.resolve('hnswlib-node/package.json')), 'build', 'addon.target.mk')
    return readFileSync(makefile, 'utf8').includes('-march=native') ? 'native' : 'portable'
  } catch {
    return 'unknown'
  }
}

/** MiB of this process's memory in transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1 puts hnswlib's graph there). */
function hugePagesMiB() {
  try {
    const kb = /AnonHugePages:\s+(\d+) kB/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1]
    return kb === undefined ? null : Math.round(Number(kb) / 1024)
  } catch {
    return null
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
const ms = (x) => Number(x.toFixed(3))

async function embedderFor(kind) {
  return kind === 'sentence' ? SentenceEncoderEmbedder.load() : new HashedCodeEmbedder()
}

/** Writes the store (timed) and rebuilds its index from SQLite (timed), unless a kept one matches. */
async function prepareStore(path, embedder, patterns) {
  const indexPath = `${path}.${embedder.id}.hnsw`
  if (existsSync(path) && existsSync(indexPath)) {
    const header = readHnswHeader(indexPath)
    const kept = await PatternStore.open({ path, embedder, exactBelow: 0, hnsw: build, readonly: true })
    const size = kept.size
    kept.close()
    if (size === patterns.length && header?.m === build.m && header.efConstruction === Math.max(build.efConstruction, build.m)) {
      step(`reusing the kept store ${path} (${size} patterns, M ${header.m}, efConstruction ${header.efConstruction})`)
      return { writeS: null, hnswBuildS: null }
    }
    rmSync(path, { force: true })
    rmSync(indexPath, { force: true })
  }
  let store = await PatternStore.open({ path, embedder, exactBelow: 0, hnsw: build, onProgress: (m) => step(m) })
  let t = performance.now()
  await store.write(patterns)
  const writeS = (performance.now() - t) / 1000
  store.close()
  rmSync(indexPath)
  t = performance.now()
  store = await PatternStore.open({ path, embedder, exactBelow: 0, hnsw: build })
  const hnswBuildS = (performance.now() - t) / 1000
  store.close()
  return { writeS: Number(writeS.toFixed(1)), hnswBuildS: Number(hnswBuildS.toFixed(1)) }
}

/** One timed pass over the queries: hybrid latencies, then the parts alone. */
async function timedPass(store, queries, vectors) {
  const hybrid = []
  // CPU time of the query itself (user + system): what the query costs, without the time it
  // waited for a core the machine's other jobs held. The targets are on wall time (hybrid).
  // process.cpuUsage counts every thread: with the keyword thread it is the sum of both, above the wall time.
  const cpu = []
  const start = performance.now()
  for (const q of queries) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    await store.search(q, { top: 10 })
    hybrid.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  const wallS = (performance.now() - start) / 1000
  const { window } = store.searchDefaults
  const dense = []
  const keyword = []
  for (const [i, q] of queries.entries()) {
    let t0 = performance.now()
    store.denseSearch(vectors[i], window)
    dense.push(performance.now() - t0)
    t0 = performance.now()
    store.keywordSearch(q, window)
    keyword.push(performance.now() - t0)
  }
  for (const list of [hybrid, cpu, dense, keyword]) list.sort((a, b) => a - b)
  return {
    hybridP50Ms: percentile(hybrid, 0.5),
    hybridP99Ms: percentile(hybrid, 0.99),
    hybridQps: queries.length / wallS,
    cpuP50Ms: percentile(cpu, 0.5),
    cpuP99Ms: percentile(cpu, 0.99),
    denseP50Ms: percentile(dense, 0.5),
    denseP99Ms: percentile(dense, 0.99),
    keywordP50Ms: percentile(keyword, 0.5),
    keywordP99Ms: percentile(keyword, 0.99),
    load: loadavg()[0],
  }
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
  const dir = values['store-dir'] ? join(values['store-dir'], `n${n}`) : mkdtempSync(join(tmpdir(), 'aqe-bench-patterns-'))
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'patterns.db')
  try {
    const embedder = await embedderFor(values.embedder)
    const built = await prepareStore(path, embedder, corpus(real, n))
    const vectors = await embedder.embed(queries)
    let store = await PatternStore.open({ path, embedder, exactBelow: 0, hnsw: build, readonly: true })
    step(`n=${n}: exact top 10 of ${queries.length} queries (the oracle)`)
    // An 11th neighbour as near as the 10th means the exact top 10 is one pick among equals.
    const exact11 = vectors.map((v) => store.exactNeighbours(v, 11))
    const exact = exact11.map((e) => e.slice(0, 10))
    const tiedAt10 = exact11.filter((e) => e.length === 11 && e[10].score >= e[9].score - TIE_EPSILON).length
    step(`n=${n}: ${tiedAt10} of ${queries.length} queries have a tie at the 10th neighbour`)
    store.close()
    for (const efSearch of values.ef.split(',').map(Number)) {
      const t = performance.now()
      store = await PatternStore.open({ path, embedder, exactBelow: 0, hnsw: { ...build, efSearch }, readonly: true, keywordThreadFrom })
      const reopenS = (performance.now() - t) / 1000
      let strict = 0
      const recall = { all: 0, names: 0, code: 0 }
      for (const [i, v] of vectors.entries()) {
        const approx = store.denseSearch(v, 10)
        const r = tieAwareRecall(store.similarities(v, approx), exact[i])
        recall.all += r
        recall[i % 2 === 0 ? 'names' : 'code'] += r
        const ids = new Set(exact[i].map((e) => e.id))
        strict += approx.filter((id) => ids.has(id)).length / 10
      }
      // Warm-up: JIT, SQLite page cache, FTS5 term statistics, and the keyword thread's start.
      if (runs > 0) {
        for (const q of queries.slice(0, 100)) await store.search(q, { top: 10 })
        while (store.keywordThreadState === 'starting') await new Promise((resolve) => setTimeout(resolve, 10))
        for (const q of queries.slice(0, 100)) await store.search(q, { top: 10 })
      }
      const passes = []
      for (let r = 0; r < runs; r++) {
        passes.push(await timedPass(store, queries, vectors))
        step(`n=${n} ef=${efSearch} run ${r + 1}/${runs}: ${JSON.stringify(passes.at(-1), (_, x) => (typeof x === 'number' ? ms(x) : x))}`)
      }
      const med = (key) => (passes.length > 0 ? ms(median(passes.map((p) => p[key]))) : null)
      const row = {
        patterns: n,
        embedder: embedder.id,
        m: build.m,
        efConstruction: build.efConstruction,
        efSearch,
        window: store.searchDefaults.window,
        keywordThread: store.keywordThreadState,
        hnswlibBuild: hnswlibBuild(),
        hugePagesMiB: hugePagesMiB(),
        ...built,
        reopenS: Number(reopenS.toFixed(2)),
        recallAt10: Number((recall.all / vectors.length).toFixed(4)),
        recallNames: Number((recall.names / Math.ceil(vectors.length / 2)).toFixed(4)),
        recallCode: Number((recall.code / Math.floor(vectors.length / 2)).toFixed(4)),
        strictRecallAt10: Number((strict / vectors.length).toFixed(4)),
        queriesTiedAt10: tiedAt10,
        runs,
        hybridP50Ms: med('hybridP50Ms'),
        hybridP99Ms: med('hybridP99Ms'),
        hybridQps: passes.length > 0 ? Math.round(median(passes.map((p) => p.hybridQps))) : null,
        cpuP50Ms: med('cpuP50Ms'),
        cpuP99Ms: med('cpuP99Ms'),
        denseP50Ms: med('denseP50Ms'),
        denseP99Ms: med('denseP99Ms'),
        keywordP50Ms: med('keywordP50Ms'),
        keywordP99Ms: med('keywordP99Ms'),
        p50ByRun: passes.map((p) => ms(p.hybridP50Ms)),
        p99ByRun: passes.map((p) => ms(p.hybridP99Ms)),
        loadByRun: passes.map((p) => Number(p.load.toFixed(2))),
      }
      step(JSON.stringify(row))
      results.push(row)
      store.close()
    }
    await embedder.close()
  } finally {
    if (!values['store-dir']) rmSync(dir, { recursive: true, force: true })
  }
}
const out = { machine: machine(), queries: queryCount, results }
process.stdout.write(
  values.json ? `${JSON.stringify(out, null, 2)}\n` : `${out.machine}\n${results.map((r) => JSON.stringify(r)).join('\n')}\n`,
)
