import { describe, expect, it } from 'vitest'
import { OpenAiCompatibleProvider, ProviderError } from '../dist/index.js'
import { refusedPort, startLoopbackServer } from './helpers/loopback-server.js'

describe('OpenAI-compatible provider (loopback server)', () => {
  it('completes, streams and embeds against a chat-completions server', async () => {
    const server = await startLoopbackServer((req, res) => {
      const body = JSON.parse(req.body) as { stream?: boolean; input?: string[] }
      if (req.url === '/v1/embeddings') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ data: (body.input ?? []).map((_, index) => ({ index, embedding: [index, 1, 2] })).reverse() }))
      } else if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        for (const piece of ['Hel', 'lo']) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`)
        res.end('data: [DONE]\n\n')
      } else {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ choices: [{ message: { content: '{"a":1}' } }], usage: { prompt_tokens: 3, completion_tokens: 4 } }))
      }
    })
    const provider = new OpenAiCompatibleProvider({ baseURL: `${server.url}/v1/`, model: 'qwen', apiKey: 'local-key' })
    expect(provider.kind).toBe('local')
    const result = await provider.complete({ prompt: 'x', schema: { type: 'object' } })
    expect(result).toMatchObject({ json: { a: 1 }, promptTokens: 3, outputTokens: 4, provider: 'openai-compatible', model: 'qwen' })
    expect(JSON.parse(server.requests[0].body)).toMatchObject({ model: 'qwen', response_format: { type: 'json_schema' } })
    expect(server.requests[0].headers.authorization).toBe('Bearer local-key')

    const stream = provider.stream({ prompt: 'x' })
    const chunks: string[] = []
    let next = await stream.next()
    while (!next.done) {
      chunks.push(next.value)
      next = await stream.next()
    }
    expect(chunks).toEqual(['Hel', 'lo'])
    expect(next.value.text).toBe('Hello')

    expect((await provider.embed(['a', 'b'])).vectors).toEqual([
      [0, 1, 2],
      [1, 1, 2],
    ])
  })

  it('retries a 503 once, then reports the server as overloaded', async () => {
    const server = await startLoopbackServer((_req, res) => {
      res.writeHead(503)
      res.end('busy')
    })
    const provider = new OpenAiCompatibleProvider({ baseURL: server.url, model: 'm', maxRetries: 1 })
    const error = await provider.complete({ prompt: 'x' }).catch((e: unknown) => e)
    expect((error as ProviderError).reason).toBe('overloaded')
    expect(server.requests).toHaveLength(2)
  })

  it('does not retry a 400 and names a refused connection', async () => {
    const server = await startLoopbackServer((_req, res) => {
      res.writeHead(400)
      res.end('bad')
    })
    const bad = await new OpenAiCompatibleProvider({ baseURL: server.url, model: 'm' }).complete({ prompt: 'x' }).catch((e: unknown) => e)
    expect((bad as ProviderError).reason).toBe('provider-error')
    expect(server.requests).toHaveLength(1)
    const refused = await new OpenAiCompatibleProvider({ baseURL: await refusedPort(), model: 'm', maxRetries: 0 })
      .complete({ prompt: 'x' })
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ProviderError)
    expect((refused as ProviderError).reason).toBe('connection-refused')
  })

  it('counts as cloud when the server is not on this machine', () => {
    expect(new OpenAiCompatibleProvider({ baseURL: 'https://api.example.com/v1', model: 'm' }).kind).toBe('cloud')
  })
})
