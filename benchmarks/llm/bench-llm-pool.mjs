// Benchmarks the model pool against node-llama-cpp called directly, with the real stories260K
// model: worker cold start, warm latency, tokens/s through the pool vs direct, and throughput
// at 1, 2 and 4 concurrent requests. Prints a Markdown section for docs/benchmarks.md.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { idleCores, LocalProvider, ModelPool } from '../../packages/llm/dist/index.js'
import { LlamaEngine } from '../../packages/llm/dist/local/llama-engine.js'
import { machine, median, step } from '../machine.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const model = join(process.env.AQE_TEST_MODELS ?? join(root, '..', 'shared', 'models'), 'stories260K.gguf')
if (!existsSync(model)) {
  process.stderr.write(`stories260K.gguf not found at ${model}; set AQE_TEST_MODELS (see ../shared/models/README.md)\n`)
  process.exit(2)
}
// Sized like the pool sizes itself: the cores not already busy (1 on a loaded 2-core machine).
const threads = Number(process.env.BENCH_THREADS ?? idleCores())
const reps = Number(process.env.BENCH_REPS ?? 7)
const prompt = 'Once upon a time'
const request = { prompt, maxTokens: 512, temperature: 0 }

step(`cold start: 1 worker x ${threads} threads`)
let started = performance.now()
const pool = new ModelPool({ workers: 1, threadsPerWorker: threads, sequencesPerWorker: 4, contextSize: 2048 })
const local = new LocalProvider(model, pool)
await local.contextSize()
const coldLoadMs = performance.now() - started
started = performance.now()
await local.complete({ ...request, maxTokens: 32 })
const firstRequestMs = performance.now() - started

step('warm latency: 32-token requests')
const warm = []
for (let i = 0; i < reps * 2; i++) warm.push((await local.complete({ ...request, maxTokens: 32 })).latencyMs)

step(`pool vs direct: ${request.maxTokens}-token generations, ${reps * 2} back-to-back pairs`)
const engine = await LlamaEngine.create({ threads, contextSize: 2048, sequences: 4, gpu: 'auto' })
await engine.complete(model, prompt, { maxTokens: 32, temperature: 0 })
const poolRates = []
const directRates = []
const ratios = []
// Back-to-back pairs in alternating order, so load from other jobs on a shared machine hits both
// sides alike; the ratio is the median of the per-pair ratios.
const timed = async (run) => {
  const t = performance.now()
  const result = await run()
  return { result, rate: result.outputTokens / ((performance.now() - t) / 1000) }
}
for (let i = 0; i < reps * 2; i++) {
  const viaPool = () => timed(() => local.complete(request))
  const direct = () => timed(() => engine.complete(model, prompt, request))
  const [a, b] = i % 2 === 0 ? [await viaPool(), await direct()] : [await direct(), await viaPool()].reverse()
  if (a.result.text !== b.result.text) throw new Error('pool and direct generations differ at temperature 0')
  poolRates.push(a.rate)
  directRates.push(b.rate)
  ratios.push(a.rate / b.rate)
}
await engine.dispose()

step('throughput at 1, 2 and 4 concurrent requests')
const throughput = []
for (const concurrency of [1, 2, 4]) {
  const rates = []
  for (let i = 0; i < Math.max(3, Math.floor(reps / 2)); i++) {
    const t = performance.now()
    const results = await Promise.all(Array.from({ length: concurrency }, () => local.complete({ ...request, maxTokens: 256 })))
    const tokens = results.reduce((sum, r) => sum + r.outputTokens, 0)
    rates.push(tokens / ((performance.now() - t) / 1000))
  }
  throughput.push([concurrency, median(rates)])
}
await pool.close()

const poolRate = median(poolRates)
const directRate = median(directRates)
const fmt = (n, digits = 0) => n.toFixed(digits)
const lines = [
  '## Model pool (stories260K through piscina vs node-llama-cpp directly)',
  '',
  `Machine: ${machine()}. Pool: 1 worker x ${threads} thread(s), 4 parallel sequences, CPU (no GPU). Model: stories260K.gguf, temperature 0. Medians of ${reps} runs. Reproduce with \`node benchmarks/llm/bench-llm-pool.mjs\`.`,
  '',
  '| Measure | Value |',
  '| --- | ---: |',
  `| Cold start of a pool worker (spawn, llama.cpp binary, model load) | ${fmt(coldLoadMs)} ms |`,
  `| First request after that (context creation + 32 tokens) | ${fmt(firstRequestMs)} ms |`,
  `| Warm request latency, 32 tokens (median of ${warm.length}) | ${fmt(median(warm), 1)} ms |`,
  `| Tokens/s through the pool, ${request.maxTokens}-token generations | ${fmt(poolRate)} |`,
  `| Tokens/s with node-llama-cpp called directly (same threads, same settings) | ${fmt(directRate)} |`,
  `| Ratio pool / direct (median of ${ratios.length} back-to-back pairs) | **${fmt(median(ratios), 3)}** |`,
  ...throughput.map(([c, rate]) => `| Throughput, ${c} concurrent request(s) of 256 tokens | ${fmt(rate)} tokens/s |`),
  '',
]
process.stdout.write(`${lines.join('\n')}\n`)
