import { basename } from 'node:path'
import { ProviderError } from '../errors.js'
import { parseStructured } from '../structured-output.js'
import type { CompletionRequest, CompletionResult, EmbedResult, Provider } from '../types.js'
import type { ModelPool } from './model-pool.js'
import type { WorkerReply } from './worker-protocol.js'

const DEFAULT_TIMEOUT_MS = 60_000

/** A GGUF model served by the local worker pool; prompts never leave the machine. */
export class LocalProvider implements Provider {
  readonly name = 'local'
  readonly kind = 'local'
  readonly model: string
  readonly endpoint: string
  private readonly pool: ModelPool

  /** `modelPath` is a GGUF file on disk (resolve URIs with the model cache first). */
  constructor(modelPath: string, pool: ModelPool) {
    this.endpoint = modelPath
    this.model = basename(modelPath)
    this.pool = pool
  }

  /** Loads the model in a worker and returns its context size in tokens (the pool's cap applies). */
  async contextSize(): Promise<number> {
    const reply = this.check(await this.pool.run({ kind: 'load', modelPath: this.endpoint }, { timeoutMs: DEFAULT_TIMEOUT_MS }))
    return Math.min(reply.contextSize ?? 0, this.pool.settings.contextSize)
  }

  /** Token ids of `text` by the model's own tokenizer. */
  async tokenize(text: string): Promise<number[]> {
    const reply = this.check(await this.pool.run({ kind: 'tokenize', modelPath: this.endpoint, text }, { timeoutMs: DEFAULT_TIMEOUT_MS }))
    return reply.tokens ?? []
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const started = performance.now()
    const reply = this.check(await this.pool.run(this.task(request), { timeoutMs: timeoutOf(request), signal: request.signal }))
    return this.result(reply, request, started)
  }

  async *stream(request: CompletionRequest): AsyncGenerator<string, CompletionResult> {
    const started = performance.now()
    const reply = yield* this.pool.stream(this.task(request), { timeoutMs: timeoutOf(request), signal: request.signal })
    return this.result(this.check(reply), request, started)
  }

  async embed(texts: readonly string[]): Promise<EmbedResult> {
    const reply = this.check(
      await this.pool.run({ kind: 'embed', modelPath: this.endpoint, texts: [...texts] }, { timeoutMs: DEFAULT_TIMEOUT_MS }),
    )
    return { vectors: reply.vectors ?? [], provider: this.name, model: this.model }
  }

  /** The pool belongs to whoever created it; closing the provider leaves it running. */
  async close(): Promise<void> {}

  private task(request: CompletionRequest) {
    return {
      kind: 'complete' as const,
      modelPath: this.endpoint,
      prompt: request.prompt,
      maxTokens: request.maxTokens ?? 256,
      temperature: request.temperature ?? 0,
      schema: request.schema,
      timeoutMs: timeoutOf(request),
    }
  }

  private result(reply: Extract<WorkerReply, { ok: true }>, request: CompletionRequest, started: number): CompletionResult {
    const text = reply.text ?? ''
    return {
      text,
      json: request.schema ? parseStructured(this.name, text) : undefined,
      provider: this.name,
      model: this.model,
      latencyMs: performance.now() - started,
      promptTokens: reply.promptTokens,
      outputTokens: reply.outputTokens,
      costUsd: 0,
    }
  }

  private check(reply: WorkerReply): Extract<WorkerReply, { ok: true }> {
    if (!reply.ok) throw new ProviderError(this.name, reply.reason, `Local model ${this.model}: ${reply.message}`)
    return reply
  }
}

function timeoutOf(request: CompletionRequest): number {
  return request.timeoutMs ?? DEFAULT_TIMEOUT_MS
}
