import type { ProbabilityEstimate } from './beta-interval.js'

/** What the detector concludes about a test. `new`: too little history to judge. */
export type FlakyState = 'healthy' | 'flaky' | 'broken' | 'new'

/** The evidence behind a verdict, all within the detector's window. */
export interface FlakyEvidence {
  /** Runs of the test that counted (infrastructure storms excluded). */
  runs: number
  /** Of those, runs on a default branch (or with no known branch). */
  defaultBranchRuns: number
  /** Infrastructure-storm runs left out. */
  stormRunsExcluded: number
  attempts: number
  failedAttempts: number
  /** Distinct commits (any branch) on which the test both failed and passed. */
  sameCommitFlakes: number
  /** Runs in which a retry passed after a failed attempt. */
  passedOnRetry: number
  /** Failing streaks on the default branch shorter than a regression. */
  failureEpisodes: number
  /** Flips between consecutive default-branch runs' first attempts, per flip opportunity, decayed. */
  flipRate: number
  /** Per-attempt failure probability (Beta posterior, decayed) with its credible interval. */
  failureProbability: ProbabilityEstimate
  /** Consecutive latest default-branch runs that failed every attempt. */
  failingStreak: number
  /** Clean runs (no failed attempt) since the last failure. */
  cleanRunsSinceFailure: number
  lastFailureAt: string | null
  /** The first failure message of the latest failed run. */
  lastFailureMessage: string | null
  /** The rules that fired, in words. */
  reasons: string[]
}

/** The detector's verdict on one test. */
export interface FlakyVerdict {
  /** `<file> > <full name>`. */
  id: string
  file: string
  fullName: string
  state: FlakyState
  /** The per-attempt failure probability's posterior mean, 0..1: how flaky (or broken) the test is. */
  score: number
  evidence: FlakyEvidence
}
