import Anthropic from '@anthropic-ai/sdk'
import { ProviderError } from '../errors.js'
import { parseStructured, schemaInstruction } from '../structured-output.js'
import type { CompletionRequest, CompletionResult, EmbedResult, Provider } from '../types.js'
import { fromAnthropicError } from './classify-error.js'
import { costOf } from './pricing.js'

/** How the Anthropic provider connects. */
export interface AnthropicProviderOptions {
  /** @default process.env.ANTHROPIC_API_KEY */
  apiKey?: string
  /** @default process.env.ANTHROPIC_BASE_URL, else https://api.anthropic.com */
  baseURL?: string
  /** @default 'claude-haiku-4-5' */
  model?: string
  /** Retries on overload, rate limits and connection errors, with exponential backoff (the SDK's). @default 2 */
  maxRetries?: number
  /** Per-request timeout in ms when the request sets none. @default 60000 */
  timeoutMs?: number
}

/** Claude through the official SDK: the cloud fallback. */
export class AnthropicProvider implements Provider {
  readonly name = 'anthropic'
  readonly kind = 'cloud'
  readonly model: string
  readonly endpoint: string
  private readonly client: Anthropic
  private readonly timeoutMs: number

  constructor(options: AnthropicProviderOptions = {}) {
    this.model = options.model ?? 'claude-haiku-4-5'
    this.endpoint = options.baseURL || process.env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com'
    this.timeoutMs = options.timeoutMs ?? 60_000
    this.client = new Anthropic({
      apiKey: options.apiKey || process.env.ANTHROPIC_API_KEY || null,
      baseURL: this.endpoint,
      maxRetries: options.maxRetries ?? 2,
      timeout: this.timeoutMs,
    })
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const started = performance.now()
    try {
      const message = await this.client.messages.create(this.params(request), this.requestOptions(request))
      const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('')
      return this.result(text, request, started, message.usage.input_tokens, message.usage.output_tokens)
    } catch (error) {
      throw error instanceof ProviderError ? error : fromAnthropicError(this.name, error)
    }
  }

  async *stream(request: CompletionRequest): AsyncGenerator<string, CompletionResult> {
    const started = performance.now()
    let text = ''
    let inputTokens = 0
    let outputTokens = 0
    try {
      const events = await this.client.messages.create({ ...this.params(request), stream: true }, this.requestOptions(request))
      for await (const event of events) {
        if (event.type === 'message_start') inputTokens = event.message.usage.input_tokens
        if (event.type === 'message_delta') outputTokens = event.usage.output_tokens
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          text += event.delta.text
          yield event.delta.text
        }
      }
    } catch (error) {
      throw fromAnthropicError(this.name, error)
    }
    return this.result(text, request, started, inputTokens, outputTokens)
  }

  async embed(): Promise<EmbedResult> {
    throw new ProviderError(this.name, 'provider-error', 'The Anthropic API offers no embeddings; use a local model for embed().')
  }

  async close(): Promise<void> {}

  private params(request: CompletionRequest) {
    const prompt = request.schema ? `${request.prompt}\n\n${schemaInstruction(request.schema)}` : request.prompt
    return {
      model: this.model,
      max_tokens: request.maxTokens ?? 256,
      temperature: request.temperature ?? 0,
      messages: [{ role: 'user' as const, content: prompt }],
    }
  }

  private requestOptions(request: CompletionRequest) {
    return { timeout: request.timeoutMs ?? this.timeoutMs, signal: request.signal }
  }

  private result(text: string, request: CompletionRequest, started: number, input: number, output: number): CompletionResult {
    return {
      text,
      json: request.schema ? parseStructured(this.name, text) : undefined,
      provider: this.name,
      model: this.model,
      latencyMs: performance.now() - started,
      promptTokens: input,
      outputTokens: output,
      costUsd: costOf(this.model, input, output),
    }
  }
}
