import { InputError } from '@aqe/core'
import type { ProviderKind } from '../types.js'
import { isLoopbackUrl } from './loopback.js'

/** How far prompts may travel: `off`, `balanced` (cloud only as a fallback) or `strict` (never off the machine). */
export type PrivacyMode = 'off' | 'balanced' | 'strict'

/** Every privacy mode, in order of strictness. */
export const PRIVACY_MODES: readonly PrivacyMode[] = ['off', 'balanced', 'strict']

/** Validates a privacy mode given on the command line, in the config or in `AQE_PRIVACY_MODE`. */
export function parsePrivacyMode(value: string, source: string): PrivacyMode {
  if ((PRIVACY_MODES as readonly string[]).includes(value)) return value as PrivacyMode
  throw new InputError(
    `${source} must be one of ${PRIVACY_MODES.join(', ')}, got "${value}". Use strict to keep every prompt on this machine.`,
  )
}

/** A provider as the privacy guard sees it. */
export interface Destination {
  kind: ProviderKind
  /** A file path for in-process models, a URL for servers. */
  endpoint: string
}

/** Whether the guard lets a prompt go somewhere, and why. */
export interface PrivacyDecision {
  allowed: boolean
  reason: string
}

/** True when a destination keeps the prompt on this machine: an in-process model or a loopback server. */
export function staysOnMachine(destination: Destination): boolean {
  if (destination.kind !== 'local') return false
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(destination.endpoint) || isLoopbackUrl(destination.endpoint)
}

/**
 * The privacy guard. `strict` allows only destinations on this machine; `balanced` allows the
 * cloud only as a fallback and never for a prompt that seems to hold a secret; `off` allows all.
 */
export function decidePrivacy(
  mode: PrivacyMode,
  destination: Destination,
  context: { fallback: boolean; secret?: string },
): PrivacyDecision {
  if (staysOnMachine(destination)) return { allowed: true, reason: 'stays on this machine' }
  if (mode === 'strict') return { allowed: false, reason: 'strict mode: only local models and loopback servers' }
  if (mode === 'balanced') {
    if (context.secret) return { allowed: false, reason: `balanced mode: the prompt seems to hold a secret (${context.secret})` }
    if (!context.fallback) return { allowed: false, reason: 'balanced mode: the cloud is used only as a fallback' }
    return { allowed: true, reason: 'balanced mode: fallback after the local model' }
  }
  return { allowed: true, reason: 'privacy mode off' }
}
