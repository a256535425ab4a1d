export { AnthropicProvider, type AnthropicProviderOptions } from './cloud/anthropic-provider.js'
export { type OpenAiCompatibleOptions, OpenAiCompatibleProvider } from './cloud/openai-compatible-provider.js'
export { costOf, estimateTokens, type Pricing, pricingOf } from './cloud/pricing.js'
export { type DoctorReport, runDoctor } from './doctor.js'
export { BlockedError, type FailureReason, ProviderError } from './errors.js'
export { LocalProvider } from './local/local-provider.js'
export { ModelPool, type ModelPoolOptions, type PoolRunOptions } from './local/model-pool.js'
export { availableCores, type Concurrency, idleCores, type MachineResources, planConcurrency } from './local/threads.js'
export type { WorkerSettings } from './local/worker-protocol.js'
export {
  type ModelLayer,
  type ModelLayerOptions,
  openModelLayer,
  type ResolvedModelLayerOptions,
  resolveModelLayerOptions,
} from './model-layer.js'
export { type DownloadOptions, type DownloadResult, downloadModel } from './models/download-model.js'
export { sha256File } from './models/file-checksum.js'
export { type CachedModel, defaultCacheDir, listCachedModels, resolveModel, type VerifyResult, verifyModel } from './models/model-cache.js'
export { type ModelRef, parseModelRef } from './models/model-ref.js'
export { type AuditEntry, AuditLog, hashPrompt } from './privacy/audit-log.js'
export { isLoopbackUrl } from './privacy/loopback.js'
export {
  type Destination,
  decidePrivacy,
  PRIVACY_MODES,
  type PrivacyDecision,
  type PrivacyMode,
  parsePrivacyMode,
  staysOnMachine,
} from './privacy/privacy-mode.js'
export { buildPrivacyReport, type PrivacyReport } from './privacy/privacy-report.js'
export { findSecret } from './privacy/secret-scan.js'
export { type RenderedPrompt, type RenderOptions, renderPrompt, type TokenCounter } from './prompt/prompt-template.js'
export { type Candidate, planRoute, type RouteFacts, type RoutePlan, type Skipped } from './router/route-plan.js'
export { type Attempt, type RoutableProvider, type RoutedResult, Router, type RouterOptions } from './router/router.js'
export { parseStructured, schemaInstruction } from './structured-output.js'
export { type LlmStats, type ProviderStats, type RequestRecord, TelemetryStore } from './telemetry/telemetry-store.js'
export type { CompletionRequest, CompletionResult, EmbedResult, JsonSchema, Provider, ProviderKind } from './types.js'
