import type { FlakyVerdict } from '../flaky/flaky-verdict.js'
import { isExpired, type QuarantineEntry } from './quarantine-entry.js'
import { cleanRunsToRelease, type ResolvedQuarantineOptions } from './quarantine-options.js'

/** What the auto policy would change, and what it reports without changing. */
export interface QuarantinePlan {
  /** Flaky tests above the activation threshold that are not quarantined yet. */
  add: QuarantineEntry[]
  /** Auto entries whose tests ran clean long enough to show they recovered. */
  release: QuarantineEntry[]
  /** Manual entries that meet the same release rule; a person decides. */
  readyForRelease: QuarantineEntry[]
  /** Entries past their expiry: they no longer mask failures; tell their owners. */
  expired: QuarantineEntry[]
  /** Clean runs in a row needed for release. */
  cleanRunsNeeded: number
}

/**
 * The auto-quarantine policy with hysteresis: enter when a test is flaky (never broken) with a
 * failure probability of at least `activateAbove`; leave only after enough consecutive clean runs
 * to show, by the rule of three, that it fails less often than `releaseBelow`.
 */
export function planQuarantine(
  verdicts: readonly FlakyVerdict[],
  entries: readonly QuarantineEntry[],
  options: ResolvedQuarantineOptions,
  now: Date = new Date(),
): QuarantinePlan {
  const cleanRunsNeeded = cleanRunsToRelease(options.releaseBelow, options.releaseConfidence)
  const byId = new Map(verdicts.map((v) => [v.id, v]))
  const quarantined = new Set(entries.map((e) => e.id))
  const add: QuarantineEntry[] = verdicts
    .filter((v) => v.state === 'flaky' && v.score >= options.activateAbove && !quarantined.has(v.id))
    .map((v) => ({
      id: v.id,
      reason: `flaky: failure probability ${pct(v.score)} (auto policy, threshold ${pct(options.activateAbove)})`,
      ...(options.owner ? { owner: options.owner } : {}),
      evidence: v.evidence.reasons.join('; '),
      created: now.toISOString(),
      ...(options.expiresAfterDays > 0 ? { expires: new Date(now.getTime() + options.expiresAfterDays * 86_400_000).toISOString() } : {}),
      source: 'auto' as const,
    }))
  const recovered = (e: QuarantineEntry) => {
    const v = byId.get(e.id)
    return v !== undefined && v.state !== 'broken' && v.evidence.cleanRunsSinceFailure >= cleanRunsNeeded
  }
  return {
    add,
    release: entries.filter((e) => e.source === 'auto' && recovered(e)),
    readyForRelease: entries.filter((e) => e.source === 'manual' && recovered(e)),
    expired: entries.filter((e) => isExpired(e, now)),
    cleanRunsNeeded,
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
