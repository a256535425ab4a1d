import { createRequire } from 'node:module'
import type { CoverageSummary, CoverageSummaryData, FileCoverageData } from 'istanbul-lib-coverage'
import type { ChangedLines } from './changed-lines.js'
import type { FileComplexity } from './complexity.js'
import { summariseFile } from './file-summary.js'
import { findFileGaps, type LocatedGap } from './find-gaps.js'
import { scoreGap } from './rank-gaps.js'
import type { ChangedCoverage, CoverageTotals, FileSummary, Gap } from './types.js'

// require, not import: see complexity.ts (no CommonJS export scan when loaded from ESM).
const libCoverage = createRequire(import.meta.url)('istanbul-lib-coverage') as typeof import('istanbul-lib-coverage')

const METRICS = ['lines', 'statements', 'functions', 'branches'] as const

/** What a gap's score takes from outside the file's coverage. */
export interface FileSignals {
  base?: string
  /** Commits per absolute path, when git history is read. */
  churn?: Map<string, number>
  /** Changed lines per absolute path, with a base ref. */
  changed?: ChangedLines
  /** The first critical glob a report path matches. */
  critical: (name: string) => string | undefined
}

/** Everything a report takes from one file, as plain data (it may come from a worker thread). */
export interface FileResult {
  /** The report path. */
  name: string
  /** The absolute path. */
  file: string
  /** istanbul's summary of the file. */
  summary: CoverageSummaryData
  /** Executable changed lines and how many of them ran, when the file has changed lines that are executable. */
  changed?: { total: number; covered: number }
  /** The file's gaps, located and measured, in the order found. */
  gaps: LocatedGap[]
}

/**
 * One file's part of the report: istanbul's summary of it, the coverage of its changed lines, and
 * its gaps, measured with the complexity `measure` gives (asked only when the file has gaps).
 */
export function analyseFile(
  name: string,
  file: string,
  data: FileCoverageData,
  changed: ChangedLines | undefined,
  measure: () => FileComplexity,
): FileResult {
  const result: FileResult = { name, file, summary: summariseFile(data).data, gaps: [] }
  const lines = changed?.get(file)
  if (lines) {
    const counted = countChangedLines(lines, libCoverage.createFileCoverage(data).getLineCoverage())
    if (counted) result.changed = counted
  }
  if (hasGaps(data)) result.gaps = findFileGaps(name, data, measure())
  return result
}

/**
 * Builds a report from its files' results, added in the coverage map's order: the per-file
 * totals, their sum (istanbul's summary of the whole map) and the gaps, scored. Gaps of one file
 * stay together and in order, which is all the ranking's tie-breaks depend on.
 */
export class GapCollector {
  readonly files: FileSummary[] = []
  readonly gaps: Gap[] = []
  // The sums istanbul's map.getCoverageSummary() adds up, kept as counts: its merge recomputes every
  // percentage on every file, while only the last one is read.
  private readonly sums = { lines: [0, 0, 0], statements: [0, 0, 0], functions: [0, 0, 0], branches: [0, 0, 0] }
  private changedTotal = 0
  private changedCovered = 0
  private changedFiles = 0

  constructor(private readonly signals: FileSignals) {}

  add(result: FileResult): void {
    const { summary } = result
    const totals = { lines: summary.lines, statements: summary.statements, functions: summary.functions, branches: summary.branches }
    this.files.push({ file: result.name, totals, gaps: result.gaps.length })
    for (const metric of METRICS) {
      const sum = this.sums[metric]
      const counts = summary[metric]
      sum[0] += counts.total
      sum[1] += counts.covered
      sum[2] += counts.skipped
    }
    if (result.changed) {
      this.changedTotal += result.changed.total
      this.changedCovered += result.changed.covered
      this.changedFiles++
    }
    if (result.gaps.length === 0) return
    const { base, churn, changed, critical } = this.signals
    const lines = changed?.get(result.file)
    const fileChurn = churn?.get(result.file) ?? (churn ? 0 : undefined)
    const fileCritical = critical(result.name)
    for (const gap of result.gaps) {
      const gapChanged = changed ? overlaps(lines, gap.startLine, gap.endLine) : undefined
      this.gaps.push(scoreGap(gap, { churn: fileChurn, critical: fileCritical, base, changed: gapChanged }))
    }
  }

  /** The totals of every file added, as istanbul-lib-coverage's summary of the whole map gives them. */
  summary(): CoverageTotals {
    const totals = libCoverage.createCoverageSummary()
    const sums = Object.fromEntries(
      METRICS.map((metric) => [metric, { total: this.sums[metric][0], covered: this.sums[metric][1], skipped: this.sums[metric][2] }]),
    )
    // One merge into istanbul's empty summary, so that each pct is istanbul's own rounding of the sums
    // (and, as for istanbul's map, "Unknown" when there are no files at all).
    if (this.files.length > 0) totals.merge(sums as unknown as CoverageSummary)
    const { lines, statements, functions, branches } = totals.toJSON()
    return { lines, statements, functions, branches }
  }

  /** Coverage of the changed executable lines; a change without executable lines counts as fully covered. */
  changedCoverage(base: string): ChangedCoverage {
    const total = this.changedTotal
    const covered = this.changedCovered
    const pct = total === 0 ? 100 : Math.floor((100_000 * covered) / total + 0.5) / 1000
    return { base, total, covered, pct, files: this.changedFiles }
  }
}

/** Whether a file's coverage leaves anything uncovered, and so has gaps to measure. */
export function hasGaps(data: FileCoverageData): boolean {
  const { s, f, b } = data
  for (const id in s) if (s[id] === 0) return true
  for (const id in f) if (f[id] === 0) return true
  for (const id in b) if (b[id]?.includes(0)) return true
  return false
}

/** Executable changed lines and how many ran; undefined when none of the lines is executable. */
function countChangedLines(lines: Set<number>, hits: Record<number, number>): { total: number; covered: number } | undefined {
  let total = 0
  let covered = 0
  for (const line of lines) {
    const count = hits[line]
    if (count === undefined) continue
    total++
    if (count > 0) covered++
  }
  return total > 0 ? { total, covered } : undefined
}

function overlaps(lines: Set<number> | undefined, start: number, end: number): boolean {
  if (!lines) return false
  for (let line = start; line <= end; line++) if (lines.has(line)) return true
  return false
}
