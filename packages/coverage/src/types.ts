/** Coverage counts in istanbul-lib-coverage's summary shape. */
export interface CoverageCount {
  total: number
  covered: number
  skipped: number
  pct: number
}

/** Totals in istanbul-lib-coverage's summary shape (`CoverageSummary.toJSON()`). */
export interface CoverageTotals {
  lines: CoverageCount
  statements: CoverageCount
  functions: CoverageCount
  branches: CoverageCount
}

/** What a gap is: a function never called, a branch arm never taken, or a run of statements never run. */
export type GapKind = 'function' | 'branch' | 'statements'

/** A position in a source file: 1-based line, 0-based column (istanbul's convention). */
export interface SourcePosition {
  line: number
  column: number
}

/** The signals that raise a gap's score. */
export type ReasonSignal = 'uncovered' | 'complexity' | 'crap' | 'changed' | 'churn' | 'critical'

/** One reason a gap ranks where it does: the signal, its value, and a sentence for people. */
export interface GapReason {
  signal: ReasonSignal
  value: number | string
  text: string
}

/** An uncovered span of code, located, measured and ranked. */
export interface Gap {
  /** Path relative to the project root, `/`-separated. */
  file: string
  kind: GapKind
  startLine: number
  startColumn: number
  endLine: number
  endColumn: number
  /** Name of the innermost function around the gap; `(top level)` outside any function. */
  functionName: string
  /** For branch gaps: the branch type (`if`, `cond-expr`, `switch`, `binary-expr`, `branch`, …) and arm. */
  branch?: { type: string; arm: number; armCount: number; implicitElse: boolean; label: string }
  /** Statements never run inside the gap (a function gap counts the statements of its body). */
  uncoveredStatements: number
  /** Branch arms never taken inside the gap (a branch gap counts itself). */
  uncoveredBranches: number
  /** Cyclomatic complexity of the enclosing function, from the source. */
  complexity: number
  /** CRAP score of the enclosing function: comp² × (1 − cov)³ + comp, with its statement coverage. */
  crap: number
  /** Commits that touched the file (git history), when git history is available. */
  churn?: number
  /** Whether the gap overlaps lines changed since the base ref (only with a base ref). */
  changed?: boolean
  /** The first critical glob the file matches, if any. */
  critical?: string
  score: number
  reasons: GapReason[]
}

/** Coverage of the lines changed since the base ref (executable lines only). */
export interface ChangedCoverage {
  base: string
  total: number
  covered: number
  pct: number
  files: number
}

/** A complete gap report: totals, every gap ranked best-first, and what it was made from. */
export interface GapReport {
  totals: CoverageTotals
  gaps: Gap[]
  files: FileSummary[]
  changed?: ChangedCoverage
  root: string
  commit?: string
}

/** Per-file totals and gap count. */
export interface FileSummary {
  file: string
  totals: CoverageTotals
  gaps: number
}
