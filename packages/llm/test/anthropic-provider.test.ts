import { describe, expect, it } from 'vitest'
import { AnthropicProvider, ProviderError } from '../dist/index.js'
import { answerMessages, answerOverloaded } from './helpers/anthropic-mock.js'
import { refusedPort, startLoopbackServer } from './helpers/loopback-server.js'

describe('Anthropic provider (real SDK against a loopback Messages API)', () => {
  it('completes with JSON, sending Bearer auth, and prices the usage', async () => {
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, 'hello from the cloud'))
    const provider = new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, model: 'claude-haiku-4-5', maxRetries: 0 })
    const result = await provider.complete({ prompt: 'hi', maxTokens: 20 })
    expect(result).toMatchObject({
      text: 'hello from the cloud',
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      promptTokens: 12,
      outputTokens: 7,
    })
    expect(result.costUsd).toBeCloseTo((12 * 1 + 7 * 5) / 1e6, 12)
    expect(api.requests[0].url).toBe('/v1/messages')
    expect(api.requests[0].headers.authorization).toBe('Bearer sk-test')
    expect(JSON.parse(api.requests[0].body)).toMatchObject({
      model: 'claude-haiku-4-5',
      max_tokens: 20,
      messages: [{ role: 'user', content: 'hi' }],
    })
  })

  it('streams server-sent events chunk by chunk', async () => {
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, 'streamed answer text'))
    const provider = new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0 })
    const stream = provider.stream({ prompt: 'hi' })
    const chunks: string[] = []
    let next = await stream.next()
    while (!next.done) {
      chunks.push(next.value)
      next = await stream.next()
    }
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.join('')).toBe('streamed answer text')
    expect(next.value).toMatchObject({ text: 'streamed answer text', outputTokens: 7 })
  })

  it('parses a structured answer, also inside a Markdown fence', async () => {
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, '```json\n{"ok": true}\n```'))
    const provider = new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0 })
    const result = await provider.complete({ prompt: 'status?', schema: { type: 'object', properties: { ok: { type: 'boolean' } } } })
    expect(result.json).toEqual({ ok: true })
    expect(JSON.parse(api.requests[0].body).messages[0].content).toContain('JSON schema')
  })

  it('retries an overloaded API with backoff and then succeeds', async () => {
    const api = await startLoopbackServer((req, res, index) =>
      index === 0 ? answerOverloaded(res) : answerMessages(req, res, 'second try'),
    )
    const provider = new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 2 })
    expect((await provider.complete({ prompt: 'hi' })).text).toBe('second try')
    expect(api.requests).toHaveLength(2)
  })

  it('recognises 529 as overloaded once retries are spent', async () => {
    const api = await startLoopbackServer((_req, res) => answerOverloaded(res))
    const provider = new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 1 })
    const error = await provider.complete({ prompt: 'hi' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).reason).toBe('overloaded')
    expect(api.requests).toHaveLength(2)
  })

  it('recognises a refused connection', async () => {
    const provider = new AnthropicProvider({ apiKey: 'sk-test', baseURL: await refusedPort(), maxRetries: 0 })
    const error = await provider.complete({ prompt: 'hi' }).catch((e: unknown) => e)
    expect((error as ProviderError).reason).toBe('connection-refused')
  })

  it('times out a slow API', async () => {
    const api = await startLoopbackServer((req, res) => setTimeout(() => answerMessages(req, res, 'late'), 1_000))
    const provider = new AnthropicProvider({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0 })
    const error = await provider.complete({ prompt: 'hi', timeoutMs: 100 }).catch((e: unknown) => e)
    expect((error as ProviderError).reason).toBe('timeout')
  })
})
