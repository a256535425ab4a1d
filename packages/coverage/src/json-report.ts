import type { ChangedCoverage, CoverageTotals, FileSummary, Gap, GapReport } from './types.js'

/** Version of the JSON report's shape; bumped only on incompatible changes. */
export const GAP_JSON_SCHEMA_VERSION = 1

/** The JSON report, as documented in docs/gaps.md. */
export interface GapJsonReport {
  schemaVersion: typeof GAP_JSON_SCHEMA_VERSION
  tool: 'aqe'
  root: string
  commit: string | null
  totals: CoverageTotals
  changed: ChangedCoverage | null
  /** Gaps found in all, before `--top` cut the list. */
  gapCount: number
  gaps: Gap[]
  files: FileSummary[]
}

/** The report as stable JSON: `totals` in istanbul's summary shape and `gaps` ranked best-first. */
export function jsonReport(report: GapReport, top?: number): string {
  const json: GapJsonReport = {
    schemaVersion: GAP_JSON_SCHEMA_VERSION,
    tool: 'aqe',
    root: report.root,
    commit: report.commit ?? null,
    totals: report.totals,
    changed: report.changed ?? null,
    gapCount: report.gaps.length,
    gaps: top === undefined ? report.gaps : report.gaps.slice(0, top),
    files: report.files,
  }
  // One line: reports of 100,000 gaps are for programs, and indentation would double their size.
  return `${JSON.stringify(json)}\n`
}
