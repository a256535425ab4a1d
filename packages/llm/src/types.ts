/** A JSON schema the answer must follow (the subset node-llama-cpp turns into a grammar). */
export type JsonSchema = Record<string, unknown>

/** Where a provider sends prompts: `local` never leaves the machine, `cloud` is a remote API. */
export type ProviderKind = 'local' | 'cloud'

/** One completion request, the same for every provider. */
export interface CompletionRequest {
  prompt: string
  /** Upper bound on generated tokens. @default 256 */
  maxTokens?: number
  /** Sampling temperature; 0 is greedy and reproducible. @default 0 */
  temperature?: number
  /** When set, the answer is JSON following this schema (a grammar locally, an instruction in the cloud). */
  schema?: JsonSchema
  /** Per-request timeout in ms. @default 60000 */
  timeoutMs?: number
  /** Cancels the request. */
  signal?: AbortSignal
}

/** What a provider produced and what it cost. */
export interface CompletionResult {
  text: string
  /** The parsed answer when the request had a schema. */
  json?: unknown
  provider: string
  model: string
  latencyMs: number
  promptTokens?: number
  outputTokens?: number
  /** Estimated cost in US dollars (0 for local models). */
  costUsd: number
}

/** Vectors for texts, one per text, from the provider's embedding model. */
export interface EmbedResult {
  vectors: number[][]
  provider: string
  model: string
}

/** A model backend: local (node-llama-cpp pool, loopback servers) or cloud. */
export interface Provider {
  /** Short name recorded in telemetry and the audit log, e.g. `local`, `anthropic`. */
  readonly name: string
  readonly kind: ProviderKind
  /** The model this provider answers with. */
  readonly model: string
  /** Where requests go: a file path for in-process models, a base URL for HTTP servers. */
  readonly endpoint: string
  /** Answers a request; rejects with a `ProviderError` whose `reason` the router falls back on. */
  complete(request: CompletionRequest): Promise<CompletionResult>
  /** Yields text chunks as they are generated, then returns the full result. */
  stream(request: CompletionRequest): AsyncGenerator<string, CompletionResult>
  /** One vector per text; providers without an embeddings API reject. */
  embed(texts: readonly string[]): Promise<EmbedResult>
  /** Releases what the provider itself owns (a shared pool is closed by its owner). */
  close(): Promise<void>
}
