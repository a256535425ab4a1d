import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import {
  AnthropicProvider,
  type AuditEntry,
  AuditLog,
  BlockedError,
  LocalProvider,
  ModelPool,
  OpenAiCompatibleProvider,
  ProviderError,
  Router,
  TelemetryStore,
} from '../dist/index.js'
import { answerMessages, answerOverloaded } from './helpers/anthropic-mock.js'
import { refusedPort, startLoopbackServer } from './helpers/loopback-server.js'
import { sharedModel, sharedModelsPresent } from './helpers/shared-models.js'
import { writeTinyGguf } from './helpers/write-tiny-gguf.js'

const readAudit = (file: string): AuditEntry[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AuditEntry)

describe('router fallback from a failing local model to the cloud', () => {
  const tempDir = useTempDir()
  let pool: ModelPool
  let brokenModel: string

  beforeAll(() => {
    pool = new ModelPool({ workers: 1, threadsPerWorker: 1 })
  })
  afterAll(async () => {
    await pool.close()
  })

  function setup() {
    const dir = tempDir()
    brokenModel = join(dir, 'broken.gguf')
    // A GGUF header followed by garbage: llama.cpp refuses to load it, a real local failure.
    writeFileSync(brokenModel, Buffer.concat([Buffer.from('GGUF'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(64, 0xff)]))
    return { audit: new AuditLog(join(dir, 'audit.jsonl')), telemetry: TelemetryStore.open(join(dir, 'history.db')), dir }
  }

  it('falls back to Anthropic when the local model fails, and records both attempts', async () => {
    const { audit, telemetry } = setup()
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, 'cloud answer'))
    const cloud = new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0 })
    const router = new Router({ privacyMode: 'balanced', providers: [new LocalProvider(brokenModel, pool), cloud], audit, telemetry })
    const result = await router.complete({ prompt: 'explain this test', maxTokens: 16 })
    expect(result).toMatchObject({ text: 'cloud answer', provider: 'anthropic', fallback: true, fallbackReason: 'local-failed' })
    expect(result.attempts.map((a) => [a.provider, a.outcome])).toEqual([
      ['local', 'error'],
      ['anthropic', 'ok'],
    ])
    const stats = telemetry.stats()
    expect(stats.requests).toBe(2)
    expect(stats.fallbackReasons).toEqual({ 'local-failed': 1 })
    expect(readAudit(audit.path).map((e) => [e.provider, e.decision])).toEqual([
      ['local', 'allowed'],
      ['anthropic', 'allowed'],
    ])
    telemetry.close()
  })

  it('streams from the cloud after the local model fails before its first chunk', async () => {
    setup()
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, 'streamed fallback answer'))
    const router = new Router({
      providers: [new LocalProvider(brokenModel, pool), new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0 })],
    })
    const stream = router.stream({ prompt: 'hi', maxTokens: 16 })
    const chunks: string[] = []
    let next = await stream.next()
    while (!next.done) {
      chunks.push(next.value)
      next = await stream.next()
    }
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.join('')).toBe('streamed fallback answer')
    expect(next.value).toMatchObject({ provider: 'anthropic', fallback: true, fallbackReason: 'local-failed', privacyMode: 'balanced' })
  })

  it('in strict mode sends zero requests to the cloud even when the local model fails', async () => {
    const { audit, telemetry } = setup()
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, 'must not be asked'))
    const cloud = new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0 })
    const router = new Router({ privacyMode: 'strict', providers: [new LocalProvider(brokenModel, pool), cloud], audit, telemetry })
    const error = await router.complete({ prompt: 'secret code', maxTokens: 16 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as Error).message).toMatch(/strict mode/)
    expect(api.requests).toHaveLength(0)
    const entries = readAudit(audit.path)
    expect(entries.find((e) => e.provider === 'anthropic')).toMatchObject({ decision: 'blocked', mode: 'strict' })
    expect(entries.every((e) => !JSON.stringify(e).includes('secret code'))).toBe(true)
    expect(telemetry.stats().providers.find((p) => p.provider === 'anthropic')).toMatchObject({ requests: 1, blocked: 1, ok: 0, failed: 0 })
    telemetry.close()
  })

  it('falls back past an overloaded (529) cloud and a refused connection to the next provider', async () => {
    const { audit } = setup()
    const overloaded = await startLoopbackServer((_req, res) => answerOverloaded(res))
    const healthy = await startLoopbackServer((req, res) => answerMessages(req, res, 'third time lucky'))
    const router = new Router({
      privacyMode: 'off',
      audit,
      providers: [
        new LocalProvider(brokenModel, pool),
        new AnthropicProvider({ apiKey: 'sk-test', baseURL: overloaded.url, maxRetries: 0 }),
        new AnthropicProvider({ apiKey: 'sk-test', baseURL: await refusedPort(), maxRetries: 0 }),
        new AnthropicProvider({ apiKey: 'sk-test', baseURL: healthy.url, maxRetries: 0 }),
      ],
    })
    const result = await router.complete({ prompt: 'hi', maxTokens: 8 })
    expect(result.text).toBe('third time lucky')
    expect(result.attempts.map((a) => a.reason ?? 'ok')).toEqual(['local-failed', 'overloaded', 'connection-refused', 'ok'])
    expect(result.fallbackReason).toBe('connection-refused')
  })

  it('falls back when a local server returns output that does not parse', async () => {
    const { audit } = setup()
    const server = await startLoopbackServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ choices: [{ message: { content: 'not json at all' } }] }))
    })
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, '{"verdict":"pass"}'))
    const router = new Router({
      privacyMode: 'balanced',
      audit,
      providers: [
        new OpenAiCompatibleProvider({ baseURL: `${server.url}/v1`, model: 'tiny' }),
        new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0 }),
      ],
    })
    const result = await router.complete({ prompt: 'verdict?', schema: { type: 'object', properties: { verdict: { type: 'string' } } } })
    expect(result).toMatchObject({ provider: 'anthropic', json: { verdict: 'pass' }, fallbackReason: 'unparseable' })
  })

  it('keeps a prompt holding a secret away from the cloud in balanced mode', async () => {
    const { audit } = setup()
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, 'must not be asked'))
    const router = new Router({
      privacyMode: 'balanced',
      audit,
      providers: [new LocalProvider(brokenModel, pool), new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0 })],
    })
    const error = await router.complete({ prompt: 'const key = "AKIAABCDEFGHIJKLMNOP"' }).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/AWS access key/)
    expect(api.requests).toHaveLength(0)
  })

  it("sends a prompt larger than the local model's context to the cloud, counted with the model's tokenizer", async () => {
    const { audit, dir } = setup()
    const tiny = join(dir, 'tiny.gguf')
    writeTinyGguf(tiny) // 256-token context, one token per character
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, 'big context answer'))
    const providers = [new LocalProvider(tiny, pool), new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0 })]
    const prompt = 'x'.repeat(300)
    const result = await new Router({ privacyMode: 'balanced', providers, audit }).complete({ prompt, maxTokens: 16 })
    expect(result).toMatchObject({
      provider: 'anthropic',
      fallback: true,
      fallbackReason: 'prompt-too-large',
      attempts: [{ provider: 'anthropic' }],
    })
    expect(readAudit(audit.path)[0]).toMatchObject({
      provider: 'local',
      decision: 'blocked',
      reason: expect.stringMatching(/exceed the local context of 256/),
    })
    const strict = await new Router({ privacyMode: 'strict', providers }).complete({ prompt, maxTokens: 16 }).catch((e: unknown) => e)
    expect(strict).toBeInstanceOf(BlockedError)
    expect(api.requests).toHaveLength(1)
  })

  it.runIf(sharedModelsPresent)('falls back when the local model times out', async () => {
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, 'fast cloud'))
    const cloud = new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0 })
    const router = new Router({ privacyMode: 'off', providers: [new LocalProvider(sharedModel('stories260K.gguf'), pool), cloud] })
    await router.complete({ prompt: 'warm up', maxTokens: 2 })
    await cloud.complete({ prompt: 'warm up' })
    // 2000 tokens take stories260K well over 400 ms (at most ~2600 tokens/s); the warm cloud mock answers in a few.
    const result = await router.complete({ prompt: 'Once', maxTokens: 2000, timeoutMs: 400 })
    expect(result).toMatchObject({ provider: 'anthropic', fallbackReason: 'timeout' })
  })
})
