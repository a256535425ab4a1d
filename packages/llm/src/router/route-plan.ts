import { decidePrivacy, type PrivacyMode } from '../privacy/privacy-mode.js'
import type { ProviderKind } from '../types.js'

/** What the planner needs to know about a provider. */
export interface Candidate {
  name: string
  kind: ProviderKind
  endpoint: string
  model: string
}

/** The facts of one request that decide where it may go. */
export interface RouteFacts {
  mode: PrivacyMode
  promptTokens: number
  maxTokens: number
  /** Context size in tokens of a local candidate; unknown means assume it fits. */
  contextSize?: (candidate: Candidate) => number | undefined
  /** The caller's latency budget in ms. */
  latencyBudgetMs?: number
  /** What a local request of this size is expected to take, e.g. from telemetry. */
  expectedLocalLatencyMs?: number
  /** The caller's cost budget in US dollars. */
  costBudgetUsd?: number
  /** Estimated cost of sending this request to a cloud candidate. */
  cloudCostUsd?: (candidate: Candidate) => number
  /** The kind of secret found in the prompt, if any. */
  secret?: string
}

/** A candidate ruled out before any request, and why. */
export interface Skipped<T> {
  candidate: T
  reason: 'prompt-too-large' | 'cost-budget' | 'privacy'
  detail: string
}

/** The order in which to try providers, with what was ruled out. */
export interface RoutePlan<T> {
  order: T[]
  skipped: Skipped<T>[]
  /** Why the first choice is not a local model, when it is not. */
  leadReason?: 'prompt-too-large' | 'latency-budget' | 'no-local-model'
}

/**
 * Decides, before any request, which providers may answer and in what order: local first; the
 * cloud first only in `off` mode when the local model is expected to miss the latency budget;
 * locals whose context cannot hold the prompt, clouds over the cost budget and clouds the privacy
 * mode forbids are ruled out.
 */
export function planRoute<T extends Candidate>(locals: readonly T[], clouds: readonly T[], facts: RouteFacts): RoutePlan<T> {
  const skipped: Skipped<T>[] = []
  const needed = facts.promptTokens + facts.maxTokens
  const usableLocals = locals.filter((candidate) => {
    const contextSize = facts.contextSize?.(candidate)
    if (contextSize === undefined || needed <= contextSize) return true
    skipped.push({
      candidate,
      reason: 'prompt-too-large',
      detail: `${facts.promptTokens} prompt tokens + ${facts.maxTokens} to generate exceed the local context of ${contextSize}`,
    })
    return false
  })
  const usableClouds = clouds.filter((candidate) => {
    const privacy = decidePrivacy(facts.mode, candidate, { fallback: true, secret: facts.secret })
    if (!privacy.allowed) {
      skipped.push({ candidate, reason: 'privacy', detail: privacy.reason })
      return false
    }
    const cost = facts.cloudCostUsd?.(candidate) ?? 0
    if (facts.costBudgetUsd !== undefined && cost > facts.costBudgetUsd) {
      skipped.push({
        candidate,
        reason: 'cost-budget',
        detail: `estimated $${cost.toFixed(4)} exceeds the budget of $${facts.costBudgetUsd}`,
      })
      return false
    }
    return true
  })
  const overLatency =
    facts.latencyBudgetMs !== undefined &&
    facts.expectedLocalLatencyMs !== undefined &&
    facts.expectedLocalLatencyMs > facts.latencyBudgetMs
  if (facts.mode === 'off' && overLatency && usableClouds.length > 0) {
    return { order: [...usableClouds, ...usableLocals], skipped, leadReason: 'latency-budget' }
  }
  const order = [...usableLocals, ...usableClouds]
  if (usableLocals.length > 0 || order.length === 0) return { order, skipped }
  return { order, skipped, leadReason: locals.length > 0 ? 'prompt-too-large' : 'no-local-model' }
}
