import type { FlakyOptions } from '../flaky/flaky-options.js'
import type { QuarantineOptions } from '../quarantine/quarantine-options.js'
import type { PatternsConfig } from './patterns-config.js'

/**
 * aqe's project configuration, read from `aqe.config.{ts,mts,js,mjs,cjs,json}` or the `"aqe"` key
 * of package.json. Every field is optional.
 */
export interface AqeConfig {
  /**
   * Where the history store lives, relative to the project root.
   * `AQE_HISTORY_DB` overrides it, and `--db` or a reporter's `db` option override both.
   * @default '.aqe/history.db'
   */
  historyDb?: string
  /** The model layer (`@aqe/llm`): local models, cloud fallback and privacy mode. */
  llm?: LlmConfig
  /** Settings of the coverage-gap report (`aqe gaps`). */
  gaps?: GapsConfig
  /** Thresholds of the flaky-test detector (`aqe flaky`); see FlakyOptions for each default. */
  flaky?: FlakyOptions
  /** Quarantine file and auto policy (`aqe quarantine`); see QuarantineOptions for each default. */
  quarantine?: QuarantineOptions
  /** The test-pattern store (`aqe patterns`): embedder, HNSW parameters and fusion; see PatternsConfig for each default. */
  patterns?: PatternsConfig
}

/** Project settings of the coverage-gap report. */
export interface GapsConfig {
  /**
   * Globs, relative to the project root, of files whose gaps matter more, e.g. `['src/billing/**']`.
   * A gap in a matching file has its score doubled and names the glob in its reasons.
   * @default []
   */
  critical?: string[]
}

/** Settings of the model layer; every field is optional and `AQE_*` variables override some of them. */
export interface LlmConfig {
  /**
   * `off`: local first, and the router may also pick the cloud directly (prompt too large, latency budget).
   * `balanced`: local first; the cloud only as a fallback when the local model fails, and never for a
   * prompt that looks like it holds a secret. `strict`: local providers only; no outbound request except
   * to a loopback `openaiBaseUrl`. Every decision is written to the audit log. `AQE_PRIVACY_MODE` overrides it.
   * @default 'balanced'
   */
  privacyMode?: 'off' | 'balanced' | 'strict'
  /** Local model: a GGUF path (relative to the project root) or a model URI (`https://…`, `hf:…`). */
  model?: string
  /** Where downloaded models are cached. `AQE_MODEL_CACHE` overrides it. @default '~/.cache/aqe/models' */
  modelCacheDir?: string
  /** The privacy audit log (JSON Lines, append-only), relative to the project root. @default '.aqe/llm-audit.jsonl' */
  auditLog?: string
  /** Cloud model used as fallback. @default 'claude-haiku-4-5' */
  cloudModel?: string
  /** Base URL of an OpenAI-compatible local server (llama.cpp server, Ollama, vLLM), e.g. `http://127.0.0.1:8080/v1`. */
  openaiBaseUrl?: string
  /** Per-request timeout in ms, for local and cloud providers alike. @default 60000 */
  timeoutMs?: number
  /** Latency budget per request in ms; a local model expected to exceed it goes to the cloud when allowed. */
  latencyBudgetMs?: number
  /** Cost budget per request in US dollars; cloud requests estimated above it are refused. */
  costBudgetUsd?: number
  /** Worker threads in the local model pool. @default 1 */
  workers?: number
}

/** Identity helper that gives `aqe.config.ts` type checking. */
export function defineConfig(config: AqeConfig): AqeConfig {
  return config
}
