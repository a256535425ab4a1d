/** The score above which crap4j calls a method "crappy". */
export const CRAP_THRESHOLD = 30

/**
 * CRAP (Change Risk Anti-Patterns, Savoia & Evans): comp² × (1 − cov)³ + comp, where `coverage`
 * is a fraction from 0 to 1. Rounded to one decimal.
 */
export function crapScore(complexity: number, coverage: number): number {
  const uncovered = 1 - Math.min(1, Math.max(0, coverage))
  return Math.round((complexity * complexity * uncovered ** 3 + complexity) * 10) / 10
}
