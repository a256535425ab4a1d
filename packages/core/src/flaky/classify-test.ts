import { betaEstimate } from './beta-interval.js'
import type { ResolvedFlakyOptions } from './flaky-options.js'
import type { FlakyEvidence, FlakyState, FlakyVerdict } from './flaky-verdict.js'
import type { RunObservation, TestObservations } from './test-observations.js'

const failedAll = (run: RunObservation) => run.attempts.length > 0 && run.attempts.every((s) => s === 'failed')
const failedAny = (run: RunObservation) => run.attempts.includes('failed')

/**
 * Classifies one test from its runs, strongest evidence first: pass and fail at the same commit
 * (retries, re-runs, shards) makes it flaky; a latest streak of runs failing every attempt on the
 * default branch makes it broken, which wins; otherwise repeated short failure episodes across
 * commits with a failure probability credibly above the floor make it flaky. Storm runs are ignored.
 */
export function classifyTest(test: TestObservations, options: ResolvedFlakyOptions): FlakyVerdict {
  const runs = test.runs.filter((r) => !r.storm && r.attempts.length > 0)
  const onDefault = runs.filter((r) => r.branch === null || options.defaultBranches.includes(r.branch))
  const sameCommitFlakes = countSameCommitFlakes(runs)
  const passedOnRetry = runs.filter((r) => failedAny(r) && r.attempts.includes('passed')).length
  const failingStreak = trailingCount(onDefault, failedAll)
  const cleanRunsSinceFailure = trailingCount(runs, (r) => !failedAny(r))
  const failureEpisodes = countShortEpisodes(onDefault, options.brokenAfterRuns)
  const failureProbability = decayedEstimate(runs, options)
  const lastFailed = [...runs].reverse().find(failedAny)
  const evidence: FlakyEvidence = {
    runs: runs.length,
    defaultBranchRuns: onDefault.length,
    stormRunsExcluded: test.runs.length - runs.length,
    attempts: runs.reduce((n, r) => n + r.attempts.length, 0),
    failedAttempts: runs.reduce((n, r) => n + r.attempts.filter((s) => s === 'failed').length, 0),
    sameCommitFlakes,
    passedOnRetry,
    failureEpisodes,
    flipRate: decayedFlipRate(onDefault, options.halfLifeRuns),
    failureProbability,
    failingStreak,
    cleanRunsSinceFailure,
    lastFailureAt: lastFailed?.startedAt ?? null,
    lastFailureMessage: lastFailed?.firstError ?? null,
    reasons: [],
  }
  const state = decide(evidence, options)
  return { id: test.id, file: test.file, fullName: test.fullName, state, score: round(failureProbability.mean), evidence }
}

function decide(e: FlakyEvidence, o: ResolvedFlakyOptions): FlakyState {
  const reasons = e.reasons
  if (e.failingStreak >= o.brokenAfterRuns) {
    reasons.push(`failed every attempt in the last ${e.failingStreak} default-branch runs`)
    return 'broken'
  }
  if (e.sameCommitFlakes >= o.minSameCommitFlakes) {
    reasons.push(`passed and failed on the same commit ${e.sameCommitFlakes} time(s)`)
    if (e.passedOnRetry > 0) reasons.push(`passed on retry in ${e.passedOnRetry} run(s)`)
    return 'flaky'
  }
  if (e.defaultBranchRuns >= o.minRuns && e.failureEpisodes >= o.minFailureEpisodes && e.failureProbability.low > o.minFailureProbability) {
    reasons.push(
      `${e.failureEpisodes} separate short failure episodes across commits; failure probability ${pct(e.failureProbability.low)}–${pct(e.failureProbability.high)}`,
    )
    return 'flaky'
  }
  if (e.defaultBranchRuns < o.minRuns) {
    reasons.push(`only ${e.defaultBranchRuns} default-branch run(s); ${o.minRuns} needed to judge`)
    return 'new'
  }
  return 'healthy'
}

// A commit without a known sha cannot be matched with other runs, so each such run is its own group.
function countSameCommitFlakes(runs: readonly RunObservation[]): number {
  const byCommit = new Map<string, { passed: boolean; failed: boolean }>()
  for (const run of runs) {
    const key = run.commit ?? `run:${run.runId}`
    const seen = byCommit.get(key) ?? { passed: false, failed: false }
    seen.passed ||= run.attempts.includes('passed')
    seen.failed ||= failedAny(run)
    byCommit.set(key, seen)
  }
  return [...byCommit.values()].filter((s) => s.passed && s.failed).length
}

function countShortEpisodes(runs: readonly RunObservation[], regressionLength: number): number {
  let episodes = 0
  let streak = 0
  for (const run of [...runs, undefined]) {
    if (run && failedAny(run)) {
      streak++
      continue
    }
    if (streak > 0 && streak < regressionLength) episodes++
    streak = 0
  }
  return episodes
}

function trailingCount(runs: readonly RunObservation[], test: (run: RunObservation) => boolean): number {
  let n = 0
  for (let i = runs.length - 1; i >= 0 && test(runs[i] as RunObservation); i--) n++
  return n
}

function decayedEstimate(runs: readonly RunObservation[], o: ResolvedFlakyOptions) {
  let failures = 0
  let passes = 0
  runs.forEach((run, i) => {
    const weight = 0.5 ** ((runs.length - 1 - i) / o.halfLifeRuns)
    for (const s of run.attempts) {
      if (s === 'failed') failures += weight
      else passes += weight
    }
  })
  const e = betaEstimate(failures, passes, o.credibleLevel)
  return { mean: round(e.mean), low: round(e.low), high: round(e.high) }
}

function decayedFlipRate(runs: readonly RunObservation[], halfLife: number): number {
  let flips = 0
  let opportunities = 0
  for (let i = 1; i < runs.length; i++) {
    const weight = 0.5 ** ((runs.length - 1 - i) / halfLife)
    opportunities += weight
    if (((runs[i] as RunObservation).attempts[0] === 'failed') !== ((runs[i - 1] as RunObservation).attempts[0] === 'failed'))
      flips += weight
  }
  return opportunities === 0 ? 0 : round(flips / opportunities)
}

const round = (x: number) => Math.round(x * 10_000) / 10_000
const pct = (x: number) => `${(x * 100).toFixed(1)}%`
