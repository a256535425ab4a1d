import { openDatabase } from '@aqe/core'

/** One model request as telemetry keeps it. */
export interface RequestRecord {
  /** ISO 8601 UTC. */
  at: string
  provider: string
  model: string
  outcome: 'ok' | 'error' | 'timeout' | 'blocked'
  latencyMs: number
  promptTokens?: number
  outputTokens?: number
  costUsd?: number
  /** True when this request was a fallback after another provider failed or was ruled out. */
  fallback: boolean
  fallbackReason?: string
  privacyMode: string
  error?: string
}

/** Per provider and model: how requests went. */
export interface ProviderStats {
  provider: string
  model: string
  requests: number
  ok: number
  /** Errors and timeouts. */
  failed: number
  /** Ruled out before sending: privacy mode, prompt size or cost budget. */
  blocked: number
  fallbacks: number
  meanLatencyMs: number
  p95LatencyMs: number
  outputTokens: number
  costUsd: number
}

/** Everything `aqe llm stats` shows. */
export interface LlmStats {
  requests: number
  providers: ProviderStats[]
  fallbackReasons: Record<string, number>
}

/** Model-request telemetry in the history store (table `llm_requests`). */
export class TelemetryStore {
  private readonly db: ReturnType<typeof openDatabase>

  private constructor(db: ReturnType<typeof openDatabase>) {
    this.db = db
  }

  /** Opens the store at `path` (creating it unless `readonly`). */
  static open(path: string, options: { readonly?: boolean } = {}): TelemetryStore {
    return new TelemetryStore(openDatabase(path, options))
  }

  /** Appends one request. */
  record(row: RequestRecord): void {
    this.db
      .prepare(
        `INSERT INTO llm_requests (at, provider, model, outcome, latency_ms, prompt_tokens, output_tokens, cost_usd, fallback, fallback_reason, privacy_mode, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.at,
        row.provider,
        row.model,
        row.outcome,
        row.latencyMs,
        row.promptTokens ?? null,
        row.outputTokens ?? null,
        row.costUsd ?? null,
        row.fallback ? 1 : 0,
        row.fallbackReason ?? null,
        row.privacyMode,
        row.error ?? null,
      )
  }

  /** Aggregates every recorded request. */
  stats(): LlmStats {
    const rows = this.db
      .prepare<
        [],
        {
          provider: string
          model: string
          outcome: string
          latency_ms: number
          output_tokens: number | null
          cost_usd: number | null
          fallback: number
          fallback_reason: string | null
        }
      >('SELECT provider, model, outcome, latency_ms, output_tokens, cost_usd, fallback, fallback_reason FROM llm_requests ORDER BY id')
      .all()
    const groups = new Map<string, typeof rows>()
    const fallbackReasons: Record<string, number> = {}
    for (const row of rows) {
      const key = `${row.provider}\u0000${row.model}`
      groups.set(key, [...(groups.get(key) ?? []), row])
      if (row.fallback_reason) fallbackReasons[row.fallback_reason] = (fallbackReasons[row.fallback_reason] ?? 0) + 1
    }
    const providers = [...groups.values()].map((group): ProviderStats => {
      // Blocked rows never reached the provider, so they carry no latency.
      const latencies = group
        .filter((r) => r.outcome !== 'blocked')
        .map((r) => r.latency_ms)
        .sort((a, b) => a - b)
      return {
        provider: group[0].provider,
        model: group[0].model,
        requests: group.length,
        ok: group.filter((r) => r.outcome === 'ok').length,
        failed: group.filter((r) => r.outcome === 'error' || r.outcome === 'timeout').length,
        blocked: group.filter((r) => r.outcome === 'blocked').length,
        fallbacks: group.filter((r) => r.fallback === 1).length,
        meanLatencyMs: latencies.length > 0 ? latencies.reduce((a, b) => a + b, 0) / latencies.length : 0,
        p95LatencyMs: latencies.length > 0 ? latencies[Math.ceil(latencies.length * 0.95) - 1] : 0,
        outputTokens: group.reduce((a, r) => a + (r.output_tokens ?? 0), 0),
        costUsd: group.reduce((a, r) => a + (r.cost_usd ?? 0), 0),
      }
    })
    return { requests: rows.length, providers, fallbackReasons }
  }

  /** Closes the database. */
  close(): void {
    this.db.close()
  }
}
