import { join } from 'node:path'
import { BroadcastChannel } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { LocalProvider, ModelPool, ProviderError } from '../dist/index.js'
import { sharedModel, sharedModelsPresent } from './helpers/shared-models.js'

describe.runIf(sharedModelsPresent)('local provider in the worker pool (stories260K)', () => {
  let pool: ModelPool
  let local: LocalProvider

  beforeAll(async () => {
    pool = new ModelPool({ workers: 1, threadsPerWorker: 1, sequencesPerWorker: 2, contextSize: 512 })
    local = new LocalProvider(sharedModel('stories260K.gguf'), pool)
    await local.contextSize()
  })
  afterAll(async () => {
    await pool.close()
  })

  it('generates tokens with the real model', async () => {
    const result = await local.complete({ prompt: 'Once upon a time', maxTokens: 12 })
    expect(result.outputTokens).toBe(12)
    expect(result.text.length).toBeGreaterThan(0)
    expect(result.promptTokens).toBeGreaterThan(0)
    expect(result).toMatchObject({ provider: 'local', model: 'stories260K.gguf', costUsd: 0 })
  })

  it('constrains output to a JSON schema with a grammar, and the answer parses', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string', maxLength: 16 }, age: { type: 'integer' } },
      required: ['name', 'age'],
    }
    const result = await local.complete({ prompt: 'A girl', maxTokens: 60, schema })
    expect(JSON.parse(result.text)).toEqual(result.json)
    expect(result.json).toEqual({ name: expect.any(String), age: expect.any(Number) })
  })

  it('streams the same text it returns', async () => {
    const stream = local.stream({ prompt: 'The dog', maxTokens: 10 })
    const chunks: string[] = []
    let next = await stream.next()
    while (!next.done) {
      chunks.push(next.value)
      next = await stream.next()
    }
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.join('')).toBe(next.value.text)
  })

  it('frees the worker when the reader of a stream stops early', async () => {
    const stream = local.stream({ prompt: 'Once', maxTokens: 1500 })
    expect((await stream.next()).done).toBe(false)
    const started = performance.now()
    await stream.return(undefined as never)
    expect((await local.complete({ prompt: 'Once', maxTokens: 4 })).outputTokens).toBe(4)
    // With two sequences the next request could run beside the abandoned one; what matters is that
    // the worker is free again long before 1500 tokens would have been generated.
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('embeds texts with the model (64 dimensions)', async () => {
    const { vectors } = await local.embed(['a happy dog', 'a sad cat'])
    expect(vectors.map((v) => v.length)).toEqual([64, 64])
    expect(vectors[0]).not.toEqual(vectors[1])
  })

  it('serves concurrent requests as parallel sequences with the same answers as one at a time', async () => {
    const alone = await local.complete({ prompt: 'Tom and', maxTokens: 8 })
    const together = await Promise.all([1, 2, 3].map(() => local.complete({ prompt: 'Tom and', maxTokens: 8 })))
    expect(together.map((r) => r.text)).toEqual([alone.text, alone.text, alone.text])
  })

  it('stops a request at its timeout and keeps the worker warm', async () => {
    const error = await local.complete({ prompt: 'Once', maxTokens: 400, timeoutMs: 5 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).reason).toBe('timeout')
    expect((await local.complete({ prompt: 'Once', maxTokens: 4 })).outputTokens).toBe(4)
  })

  it('cancels a request through its signal', async () => {
    const controller = new AbortController()
    const pending = local.complete({ prompt: 'Once', maxTokens: 450, signal: controller.signal })
    setTimeout(() => controller.abort(), 5)
    const error = await pending.catch((e: unknown) => e)
    expect((error as ProviderError).reason).toBe('cancelled')
    expect((await local.complete({ prompt: 'Once', maxTokens: 4 })).outputTokens).toBe(4)
  })

  it('reports a model file that cannot load as a local failure', async () => {
    const broken = new LocalProvider(join(import.meta.dirname, 'fixtures', 'crash-once-worker.mjs'), pool)
    const error = await broken.complete({ prompt: 'x', maxTokens: 2 }).catch((e: unknown) => e)
    expect((error as ProviderError).reason).toBe('local-failed')
  })
})

describe.runIf(sharedModelsPresent)('llama-2-tiny-random (full 32k Llama 2 vocabulary) in the pool', () => {
  it('generates, and terminates grammar output when every string and array is bounded', async () => {
    const pool = new ModelPool({ workers: 1, threadsPerWorker: 1, contextSize: 256 })
    try {
      const local = new LocalProvider(sharedModel('llama-2-tiny-random.gguf'), pool)
      expect((await local.complete({ prompt: 'def test_add():', maxTokens: 6 })).outputTokens).toBe(6)
      const schema = {
        type: 'object',
        properties: {
          name: { type: 'string', maxLength: 10 },
          tags: { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 2 },
        },
        required: ['name', 'tags'],
      }
      const result = await local.complete({ prompt: 'JSON:', maxTokens: 80, schema })
      expect(result.json).toEqual({ name: expect.any(String), tags: expect.any(Array) })
      expect((await local.embed(['x'])).vectors[0]).toHaveLength(8)
    } finally {
      await pool.close()
    }
  })
})

describe.runIf(sharedModelsPresent)('worker crash and shutdown', () => {
  const tempDir = useTempDir()

  it('replaces a crashed worker and retries its request once', async () => {
    process.env.AQE_TEST_CRASH_MARKER = join(tempDir(), 'crashed')
    const pool = new ModelPool({
      workers: 1,
      threadsPerWorker: 1,
      workerFile: join(import.meta.dirname, 'fixtures', 'crash-once-worker.mjs'),
    })
    try {
      const local = new LocalProvider(sharedModel('stories260K.gguf'), pool)
      const result = await local.complete({ prompt: 'CRASH Once', maxTokens: 4 })
      expect(result.outputTokens).toBe(4)
    } finally {
      delete process.env.AQE_TEST_CRASH_MARKER
      await pool.close()
    }
  })

  it('closes cleanly after serving requests: each worker frees its model once, then stops', async () => {
    const pool = new ModelPool({ workers: 2, threadsPerWorker: 1 })
    const local = new LocalProvider(sharedModel('stories260K.gguf'), pool)
    await Promise.all([local.complete({ prompt: 'A', maxTokens: 3 }), local.complete({ prompt: 'B', maxTokens: 3 })])
    // Listen in on the pool's dispose channel: workers hear each other's answers there, and must
    // not answer those (the pool would count an echo as a second worker done and stop one still freeing its model).
    const heard: unknown[] = []
    const channel = new BroadcastChannel(pool.settings.disposeChannel as string)
    channel.onmessage = (event) => heard.push((event as MessageEvent).data)
    await expect(pool.close()).resolves.toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve, 200))
    channel.close()
    const answers = heard.filter((m) => m !== 'dispose') as { disposed: number }[]
    expect(heard.filter((m) => m === 'dispose')).toHaveLength(1)
    expect(answers).toHaveLength(2)
    expect(new Set(answers.map((a) => a.disposed)).size).toBe(2)
  })
})
