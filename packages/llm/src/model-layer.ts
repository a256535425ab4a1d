import { isAbsolute, resolve } from 'node:path'
import type { LlmConfig } from '@aqe/core'
import { AnthropicProvider } from './cloud/anthropic-provider.js'
import { OpenAiCompatibleProvider } from './cloud/openai-compatible-provider.js'
import { LocalProvider } from './local/local-provider.js'
import { ModelPool } from './local/model-pool.js'
import { defaultCacheDir, resolveModel } from './models/model-cache.js'
import { AuditLog } from './privacy/audit-log.js'
import { type PrivacyMode, parsePrivacyMode } from './privacy/privacy-mode.js'
import { type RoutableProvider, Router } from './router/router.js'
import { TelemetryStore } from './telemetry/telemetry-store.js'

/** Everything needed to open the model layer; command-line values override the config. */
export interface ModelLayerOptions extends LlmConfig {
  /** The project root that relative paths resolve against. @default process.cwd() */
  root?: string
  /** The history store that receives telemetry; none means no telemetry. */
  historyDb?: string
  /** Model name on the OpenAI-compatible server. @default 'default' */
  openaiModel?: string
  /** Shows download progress (the CLI prints it on stderr). */
  onProgress?: (received: number, total?: number) => void
}

/** The resolved settings, validated once. */
export interface ResolvedModelLayerOptions {
  root: string
  privacyMode: PrivacyMode
  cacheDir: string
  auditLog: string
  timeoutMs: number
  workers: number
}

/** Applies defaults and `AQE_*` overrides, and validates. */
export function resolveModelLayerOptions(options: ModelLayerOptions): ResolvedModelLayerOptions {
  const root = options.root ?? process.cwd()
  // An empty variable counts as unset, as shells and CI systems often export them empty.
  const fromEnv = process.env.AQE_PRIVACY_MODE || undefined
  const mode = fromEnv ?? options.privacyMode ?? 'balanced'
  const source = fromEnv ? 'AQE_PRIVACY_MODE' : 'the privacy mode'
  const auditLog = options.auditLog ?? '.aqe/llm-audit.jsonl'
  return {
    root,
    privacyMode: parsePrivacyMode(mode, source),
    cacheDir: defaultCacheDir(options.modelCacheDir),
    auditLog: isAbsolute(auditLog) ? auditLog : resolve(root, auditLog),
    timeoutMs: options.timeoutMs ?? 60_000,
    workers: options.workers ?? 1,
  }
}

/** An open model layer: the router over every configured provider. Close it to stop the pool. */
export interface ModelLayer {
  router: Router
  providers: RoutableProvider[]
  settings: ResolvedModelLayerOptions
  close(): Promise<void>
}

/**
 * Opens the providers the options describe: the local GGUF model in a worker pool, an
 * OpenAI-compatible server, and Anthropic when `ANTHROPIC_API_KEY` is set, behind one router.
 */
export async function openModelLayer(options: ModelLayerOptions): Promise<ModelLayer> {
  const settings = resolveModelLayerOptions(options)
  const providers: RoutableProvider[] = []
  let pool: ModelPool | undefined
  if (options.model) {
    const { path } = await resolveModel(options.model, {
      cacheDir: settings.cacheDir,
      privacyMode: settings.privacyMode,
      onProgress: options.onProgress,
    })
    pool = new ModelPool({ workers: settings.workers })
    providers.push(new LocalProvider(path, pool))
  }
  if (options.openaiBaseUrl) {
    providers.push(
      new OpenAiCompatibleProvider({
        baseURL: options.openaiBaseUrl,
        model: options.openaiModel ?? 'default',
        timeoutMs: settings.timeoutMs,
      }),
    )
  }
  if (process.env.ANTHROPIC_API_KEY) {
    providers.push(new AnthropicProvider({ model: options.cloudModel, timeoutMs: settings.timeoutMs }))
  }
  const telemetry = options.historyDb ? TelemetryStore.open(options.historyDb) : undefined
  const local = providers.find((p) => p.kind === 'local')
  // The latency budget is judged against what this local model took before (its p95).
  const expectedLocalLatencyMs =
    options.latencyBudgetMs !== undefined && local
      ? telemetry?.stats().providers.find((p) => p.provider === local.name && p.model === local.model)?.p95LatencyMs
      : undefined
  const router = new Router({
    expectedLocalLatencyMs,
    privacyMode: settings.privacyMode,
    providers,
    audit: new AuditLog(settings.auditLog),
    telemetry,
    latencyBudgetMs: options.latencyBudgetMs,
    costBudgetUsd: options.costBudgetUsd,
  })
  return {
    router,
    providers,
    settings,
    async close() {
      await pool?.close()
      telemetry?.close()
    },
  }
}
