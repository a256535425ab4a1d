import type { Candidate } from './generators/candidate.js'
import type { CoveredKeys } from './validate/coverage-keys.js'

/** An accepted candidate with what it adds and why it ranks where it does. */
export interface AcceptedTest {
  candidate: Candidate
  gain: CoveredKeys
  /** Fused similarity to known good tests (0 when there is no pattern store). */
  similarity: number
  lines: number
  score: number
  /** The coverage the candidate's run measured for the target file. */
  coverage?: object
}

/** Weights of the ranking: branch arms are worth more than statements, and long tests cost a little. */
export const RANK_WEIGHTS = { statement: 1, branch: 2, similarity: 5, perLine: 0.02 }

/** Scores an accepted candidate: coverage gain first, then similarity to accepted patterns, then brevity. */
export function scoreAccepted(gain: CoveredKeys, similarity: number, lines: number): number {
  const w = RANK_WEIGHTS
  return gain.statements.size * w.statement + gain.branches.size * w.branch + similarity * w.similarity - lines * w.perLine
}

/**
 * Orders accepted candidates best first and keeps each only if it still adds coverage beyond the
 * ones ranked above it, so two candidates covering the same lines do not both get written.
 */
export function keepComplementary(accepted: readonly AcceptedTest[]): AcceptedTest[] {
  const seen = { statements: new Set<string>(), branches: new Set<string>() }
  const kept: AcceptedTest[] = []
  for (const test of [...accepted].sort((a, b) => b.score - a.score)) {
    const adds =
      [...test.gain.statements].some((k) => !seen.statements.has(k)) || [...test.gain.branches].some((k) => !seen.branches.has(k))
    if (!adds) continue
    for (const k of test.gain.statements) seen.statements.add(k)
    for (const k of test.gain.branches) seen.branches.add(k)
    kept.push(test)
  }
  return kept
}
