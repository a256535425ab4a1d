import type Database from 'better-sqlite3'
import { classifyTest } from './classify-test.js'
import { type FlakyOptions, resolveFlakyOptions } from './flaky-options.js'
import type { FlakyVerdict } from './flaky-verdict.js'
import { readTestObservations } from './test-observations.js'

/**
 * Runs the flaky detector over a history store: one verdict per test seen within the window,
 * ordered broken, flaky, new, healthy, then by score (highest first) and id.
 */
export function detectFlaky(db: Database.Database, options: FlakyOptions = {}, now: Date = new Date()): FlakyVerdict[] {
  const resolved = resolveFlakyOptions(options)
  const since = new Date(now.getTime() - resolved.windowDays * 86_400_000)
  const tests = readTestObservations(db, { since, stormFailureRatio: resolved.stormFailureRatio, stormMinTests: resolved.stormMinTests })
  return tests.map((t) => classifyTest(t, resolved)).sort(byConcern)
}

const RANK = { broken: 0, flaky: 1, new: 2, healthy: 3 } as const

function byConcern(a: FlakyVerdict, b: FlakyVerdict): number {
  return RANK[a.state] - RANK[b.state] || b.score - a.score || a.id.localeCompare(b.id)
}
