import type { CoverageSummary } from 'istanbul-lib-coverage'
import type { CoverageTotals } from './types.js'

/**
 * The four metrics of an istanbul summary, as its `toJSON()` gives them. istanbul may add
 * `branchesTrue` (an opt-in metric, "Unknown" when unused); the report's schema leaves it out.
 */
export function coverageTotals(summary: CoverageSummary): CoverageTotals {
  const { lines, statements, functions, branches } = summary.toJSON()
  return { lines, statements, functions, branches }
}
