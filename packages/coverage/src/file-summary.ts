import { createRequire } from 'node:module'
import type { CoverageSummary, CoverageSummaryData, FileCoverageData, Totals } from 'istanbul-lib-coverage'

// require, not import: see complexity.ts (no CommonJS export scan when loaded from ESM).
const require = createRequire(import.meta.url)
const libCoverage = require('istanbul-lib-coverage') as typeof import('istanbul-lib-coverage')
// istanbul's own rounding of percentages, so that every pct matches its summaries to the last digit.
const percent = require('istanbul-lib-coverage/lib/percent.js') as (covered: number, total: number) => number

/**
 * The summary `FileCoverage.toSummary()` gives, counted the same way (lines are the statements'
 * start lines, a line counting as covered when its busiest statement ran) but without the arrays
 * istanbul builds on the way: over a 120,000-statement map that took a third of the time.
 */
export function summariseFile(data: FileCoverageData): CoverageSummary {
  const { statementMap, s, f, b } = data
  // Keyed as istanbul keys its line map (an object, so line 1 and "1" are one line).
  const lineHits: Record<string, number> = Object.create(null)
  // for…in, not Object.keys(): the same own keys in the same order (parsed JSON has no inherited
  // enumerable ones), without an array per map.
  for (const id in s) {
    const location = statementMap[id]
    if (!location) continue
    const line = location.start.line
    const count = s[id] as number
    const previous = lineHits[line]
    if (previous === undefined || previous < count) lineHits[line] = count
  }
  const summary: CoverageSummaryData = {
    lines: simpleTotals(lineHits),
    functions: simpleTotals(f),
    statements: simpleTotals(s),
    branches: branchTotals(b),
  } as CoverageSummaryData
  const bT = (data as FileCoverageData & { bT?: Record<string, number[]> }).bT
  if (bT) (summary as CoverageSummaryData & { branchesTrue: Totals }).branchesTrue = branchTotals(bT)
  return libCoverage.createCoverageSummary(summary)
}

function simpleTotals(hits: Record<string, number>): Totals {
  let total = 0
  let covered = 0
  for (const id in hits) {
    total++
    if (hits[id]) covered++
  }
  return { total, covered, skipped: 0, pct: percent(covered, total) }
}

function branchTotals(hits: Record<string, number[]>): Totals {
  let total = 0
  let covered = 0
  for (const id in hits) {
    const arms = hits[id] as number[]
    total += arms.length
    for (const count of arms) if (count > 0) covered++
  }
  return { total, covered, skipped: 0, pct: percent(covered, total) }
}
