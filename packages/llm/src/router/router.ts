import { estimateTokens, pricingOf } from '../cloud/pricing.js'
import { BlockedError, ProviderError } from '../errors.js'
import { type AuditLog, hashPrompt } from '../privacy/audit-log.js'
import type { PrivacyMode } from '../privacy/privacy-mode.js'
import { findSecret } from '../privacy/secret-scan.js'
import type { RequestRecord, TelemetryStore } from '../telemetry/telemetry-store.js'
import type { CompletionRequest, CompletionResult, Provider } from '../types.js'
import { planRoute, type RoutePlan } from './route-plan.js'

/** A provider the router can also ask for its context size and tokenizer (the local model). */
export interface RoutableProvider extends Provider {
  contextSize?(): Promise<number>
  tokenize?(text: string): Promise<number[]>
}

/** How the router decides and what it records. */
export interface RouterOptions {
  /** @default 'balanced' */
  privacyMode?: PrivacyMode
  /** Providers in order of preference; local ones are tried first. */
  providers: readonly RoutableProvider[]
  /** Every privacy decision is appended here. */
  audit?: AuditLog
  /** Every attempt is recorded here. */
  telemetry?: TelemetryStore
  latencyBudgetMs?: number
  costBudgetUsd?: number
  /** Expected latency of a local request, e.g. the p95 from telemetry. */
  expectedLocalLatencyMs?: number
}

/** One provider's try at a request. */
export interface Attempt {
  provider: string
  model: string
  outcome: 'ok' | 'error' | 'timeout'
  latencyMs: number
  reason?: string
  error?: string
}

/** The answer, who gave it, and why it came from a fallback if it did. */
export interface RoutedResult extends CompletionResult {
  fallback: boolean
  fallbackReason?: string
  privacyMode: PrivacyMode
  attempts: Attempt[]
}

/**
 * Sends each request to the first provider that the privacy mode, the prompt size and the budgets
 * allow, falling back to the next when one fails, times out or returns output that does not parse.
 */
export class Router {
  private readonly options: RouterOptions
  private readonly mode: PrivacyMode

  constructor(options: RouterOptions) {
    this.options = options
    this.mode = options.privacyMode ?? 'balanced'
  }

  /** Answers a request; rejects with `BlockedError` when nothing may answer, `ProviderError` when all failed. */
  async complete(request: CompletionRequest): Promise<RoutedResult> {
    const run = this.route(request, (provider) => once(() => provider.complete(request)))
    let next = await run.next()
    while (!next.done) next = await run.next()
    return next.value
  }

  /**
   * Streams the answer of the first provider that succeeds. A provider that fails before its first
   * chunk is fallen back from; one that fails midway ends the stream with its error, since the
   * caller already holds part of its answer.
   */
  stream(request: CompletionRequest): AsyncGenerator<string, RoutedResult> {
    return this.route(request, (provider) => provider.stream(request))
  }

  private async *route(
    request: CompletionRequest,
    call: (provider: RoutableProvider) => AsyncGenerator<string, CompletionResult>,
  ): AsyncGenerator<string, RoutedResult> {
    const plan = await this.plan(request)
    const promptHash = hashPrompt(request.prompt)
    for (const { candidate, reason, detail } of plan.skipped) {
      const why = reason === 'privacy' ? detail : `${reason}: ${detail}`
      this.audit(candidate, promptHash, 'blocked', why)
      this.record({ provider: candidate.name, model: candidate.model, latencyMs: 0, outcome: 'blocked', fallback: false, error: why })
    }
    const attempts: Attempt[] = []
    let fallbackReason: string | undefined = plan.leadReason
    for (const [index, provider] of plan.order.entries()) {
      const fallback = index > 0 || fallbackReason !== undefined
      this.audit(provider, promptHash, 'allowed', fallback ? `fallback: ${fallbackReason}` : 'first choice')
      const started = performance.now()
      let streamed = false
      try {
        const run = call(provider)
        let next = await run.next()
        while (!next.done) {
          streamed = true
          yield next.value
          next = await run.next()
        }
        const result = next.value
        attempts.push({ provider: provider.name, model: provider.model, outcome: 'ok', latencyMs: result.latencyMs })
        this.record({ ...result, outcome: 'ok', fallback, fallbackReason: fallback ? fallbackReason : undefined })
        return { ...result, fallback, fallbackReason: fallback ? fallbackReason : undefined, privacyMode: this.mode, attempts }
      } catch (error) {
        if (!(error instanceof ProviderError) || error.reason === 'cancelled') throw error
        const outcome = error.reason === 'timeout' ? 'timeout' : 'error'
        const latencyMs = performance.now() - started
        attempts.push({ provider: provider.name, model: provider.model, outcome, latencyMs, reason: error.reason, error: error.message })
        this.record({
          provider: provider.name,
          model: provider.model,
          latencyMs,
          costUsd: 0,
          outcome,
          fallback,
          fallbackReason,
          error: error.message,
        })
        if (streamed) throw error
        fallbackReason = error.reason
      }
    }
    throw this.failure(plan, attempts)
  }

  private async plan(request: CompletionRequest): Promise<RoutePlan<RoutableProvider>> {
    const locals = this.options.providers.filter((p) => p.kind === 'local')
    const clouds = this.options.providers.filter((p) => p.kind === 'cloud')
    const maxTokens = request.maxTokens ?? 256
    const contextSizes = new Map<RoutableProvider, number>()
    let promptTokens = estimateTokens(request.prompt)
    for (const local of locals) {
      // The local model's own tokenizer and context decide whether the prompt fits; failures here leave it to the request.
      const size = await local.contextSize?.().catch(() => undefined)
      if (size !== undefined) contextSizes.set(local, size)
      const tokens = await local.tokenize?.(request.prompt).catch(() => undefined)
      if (tokens) promptTokens = tokens.length
    }
    return planRoute(locals, clouds, {
      mode: this.mode,
      promptTokens,
      maxTokens,
      contextSize: (candidate) => contextSizes.get(candidate as RoutableProvider),
      latencyBudgetMs: this.options.latencyBudgetMs,
      expectedLocalLatencyMs: this.options.expectedLocalLatencyMs,
      costBudgetUsd: this.options.costBudgetUsd,
      cloudCostUsd: (candidate) => {
        const price = pricingOf(candidate.model)
        return (estimateTokens(request.prompt) * price.inputPerMTok + maxTokens * price.outputPerMTok) / 1_000_000
      },
      secret: findSecret(request.prompt),
    })
  }

  private failure(plan: RoutePlan<RoutableProvider>, attempts: Attempt[]): Error {
    const tried = attempts.map((a) => `${a.provider} (${a.reason}: ${a.error})`)
    const ruledOut = plan.skipped.map((s) => `${s.candidate.name} (${s.detail})`)
    const parts = [tried.length > 0 ? `tried ${tried.join('; ')}` : '', ruledOut.length > 0 ? `ruled out ${ruledOut.join('; ')}` : '']
    const summary = parts.filter(Boolean).join('; ') || 'no provider is configured'
    if (this.options.providers.length === 0) {
      return new BlockedError(
        'No model is configured. Pass --model PATH|URI, set llm.model in the aqe config, or set ANTHROPIC_API_KEY for the cloud.',
      )
    }
    if (attempts.length === 0) {
      return new BlockedError(
        `No model may answer this request in ${this.mode} privacy mode: ${summary}. Configure a local model (--model) or relax --privacy-mode.`,
      )
    }
    const last = attempts[attempts.length - 1]
    return new ProviderError(last.provider, 'provider-error', `Every model provider failed: ${summary}.`)
  }

  private audit(provider: Provider, promptHash: string, decision: 'allowed' | 'blocked', reason: string): void {
    this.options.audit?.append({
      time: new Date().toISOString(),
      mode: this.mode,
      provider: provider.name,
      kind: provider.kind,
      model: provider.model,
      endpoint: provider.endpoint,
      promptHash,
      decision,
      reason,
    })
  }

  private record(row: Omit<RequestRecord, 'at' | 'privacyMode'> & { outcome: RequestRecord['outcome'] }): void {
    this.options.telemetry?.record({
      at: new Date().toISOString(),
      privacyMode: this.mode,
      provider: row.provider,
      model: row.model,
      outcome: row.outcome,
      latencyMs: row.latencyMs,
      promptTokens: row.promptTokens,
      outputTokens: row.outputTokens,
      costUsd: row.costUsd,
      fallback: row.fallback,
      fallbackReason: row.fallbackReason,
      error: row.error,
    })
  }
}

/** A generator that yields nothing and returns the answer: a whole answer as an empty stream. */
async function* once<T>(answer: () => Promise<T>): AsyncGenerator<never, T> {
  yield* []
  return await answer()
}
