import { ProviderError } from '../errors.js'
import { isLoopbackUrl } from '../privacy/loopback.js'
import { parseStructured } from '../structured-output.js'
import type { CompletionRequest, CompletionResult, EmbedResult, Provider } from '../types.js'
import { readServerSentEvents } from './server-sent-events.js'

/** How to reach an OpenAI-compatible server (llama.cpp server, Ollama, vLLM). */
export interface OpenAiCompatibleOptions {
  /** Base URL including the API prefix, e.g. `http://127.0.0.1:8080/v1`. */
  baseURL: string
  /** Model name the server expects. */
  model: string
  /** Sent as a Bearer token when set. @default process.env.OPENAI_API_KEY */
  apiKey?: string
  /** Per-request timeout in ms when the request sets none. @default 60000 */
  timeoutMs?: number
  /** Retries on 5xx and connection errors, with exponential backoff from 250 ms. @default 1 */
  maxRetries?: number
}

/** A chat-completions server; `local` when it listens on loopback, otherwise `cloud`. */
export class OpenAiCompatibleProvider implements Provider {
  readonly name = 'openai-compatible'
  readonly kind
  readonly model: string
  readonly endpoint: string
  private readonly options: Required<Omit<OpenAiCompatibleOptions, 'apiKey'>> & { apiKey?: string }

  constructor(options: OpenAiCompatibleOptions) {
    this.endpoint = options.baseURL.replace(/\/+$/, '')
    this.model = options.model
    this.kind = isLoopbackUrl(this.endpoint) ? ('local' as const) : ('cloud' as const)
    this.options = { timeoutMs: 60_000, maxRetries: 1, apiKey: process.env.OPENAI_API_KEY, ...options }
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const started = performance.now()
    const response = await this.post('/chat/completions', this.body(request, false), request)
    const data = (await response.json()) as ChatResponse
    const text = data.choices?.[0]?.message?.content ?? ''
    return this.result(text, request, started, data.usage?.prompt_tokens, data.usage?.completion_tokens)
  }

  async *stream(request: CompletionRequest): AsyncGenerator<string, CompletionResult> {
    const started = performance.now()
    const response = await this.post('/chat/completions', this.body(request, true), request)
    let text = ''
    let outputTokens = 0
    for await (const data of readServerSentEvents(response)) {
      if (data === '[DONE]') break
      const chunk = (JSON.parse(data) as ChatChunk).choices?.[0]?.delta?.content
      if (chunk) {
        text += chunk
        outputTokens++
        yield chunk
      }
    }
    return this.result(text, request, started, undefined, outputTokens)
  }

  async embed(texts: readonly string[]): Promise<EmbedResult> {
    const response = await this.post('/embeddings', { model: this.model, input: texts }, {})
    const data = (await response.json()) as { data: { embedding: number[]; index: number }[] }
    const vectors = [...data.data].sort((a, b) => a.index - b.index).map((d) => d.embedding)
    return { vectors, provider: this.name, model: this.model }
  }

  async close(): Promise<void> {}

  private body(request: CompletionRequest, stream: boolean): Record<string, unknown> {
    return {
      model: this.model,
      messages: [{ role: 'user', content: request.prompt }],
      max_tokens: request.maxTokens ?? 256,
      temperature: request.temperature ?? 0,
      stream,
      ...(request.schema ? { response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: request.schema } } } : {}),
    }
  }

  private async post(path: string, body: unknown, request: Pick<CompletionRequest, 'timeoutMs' | 'signal'>): Promise<Response> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs)
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout
      let failure: ProviderError
      try {
        const response = await fetch(`${this.endpoint}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal,
        })
        if (response.ok) return response
        failure = await this.statusError(response)
        if (response.status < 500 && response.status !== 429) throw failure
      } catch (error) {
        if (error instanceof ProviderError) throw error
        failure = this.networkError(error, timeout.aborted, request.signal?.aborted)
        if (failure.reason === 'cancelled') throw failure
      }
      if (attempt >= this.options.maxRetries) throw failure
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt))
    }
  }

  private async statusError(response: Response): Promise<ProviderError> {
    const detail = (await response.text()).slice(0, 200)
    const { status } = response
    const reason = status === 429 ? 'rate-limited' : status === 529 || status === 503 ? 'overloaded' : 'provider-error'
    return new ProviderError(this.name, reason, `${this.endpoint} answered ${status}: ${detail}`)
  }

  private networkError(error: unknown, timedOut: boolean, cancelled: boolean | undefined): ProviderError {
    const detail =
      error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error)
    if (cancelled) return new ProviderError(this.name, 'cancelled', `${this.endpoint}: the request was cancelled`)
    if (timedOut) return new ProviderError(this.name, 'timeout', `${this.endpoint}: no answer within the timeout`)
    return new ProviderError(this.name, 'connection-refused', `cannot connect to ${this.endpoint} (${detail})`, { cause: error })
  }

  private result(text: string, request: CompletionRequest, started: number, input?: number, output?: number): CompletionResult {
    return {
      text,
      json: request.schema ? parseStructured(this.name, text) : undefined,
      provider: this.name,
      model: this.model,
      latencyMs: performance.now() - started,
      promptTokens: input,
      outputTokens: output,
      costUsd: 0,
    }
  }
}

interface ChatResponse {
  choices?: { message?: { content?: string } }[]
  usage?: { prompt_tokens?: number; completion_tokens?: number }
}

interface ChatChunk {
  choices?: { delta?: { content?: string } }[]
}
