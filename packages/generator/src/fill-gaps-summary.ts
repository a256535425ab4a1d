import type { Verdict } from './validate/validate-candidate.js'

/** Statement and branch coverage of one file, in percent. */
export interface FileCoveragePct {
  statements: number
  branches: number
}

/** What a fill-gaps run did for one source file. */
export interface TargetOutcome {
  /** The source file, relative to the root. */
  file: string
  /** The test file accepted tests go to, relative to the root. */
  testFile: string
  tried: number
  accepted: number
  before: FileCoveragePct
  after: FileCoveragePct
  gapsBefore: number
  gapsAfter: number
  /** Files written (with `write`), relative to the root. */
  written: string[]
  problems: string[]
  /** Why each rejected candidate was rejected. */
  rejected: string[]
}

/** The result of a fill-gaps run (`aqe fill-gaps --json` prints it). */
export interface FillGapsSummary {
  framework: 'vitest' | 'jest'
  dryRun: boolean
  /** Candidates generated, and how many stopped at each stage of the funnel (`accepted`: kept). */
  funnel: { generated: number } & Partial<Record<Verdict, number>>
  /** Candidates that came out of a repair round. */
  repaired: number
  targets: TargetOutcome[]
  gapsBefore: number
  gapsAfter: number
  /** Whether the budget ran out before every planned file was tried. */
  budgetExhausted: boolean
  /** With `write`: whether the project's tests of the filled files pass with the new tests. */
  suite?: { passed: boolean; message?: string }
}

/** The summary for people, on stderr: per file before → after, then the funnel. */
export function formatSummary(summary: FillGapsSummary): string {
  const lines = [`aqe fill-gaps (${summary.framework}, ${summary.dryRun ? 'dry run' : 'written'}):`]
  for (const t of summary.targets) {
    const what = summary.dryRun ? `would write ${t.testFile}` : t.written.length > 0 ? `wrote ${t.written.join(', ')}` : 'nothing written'
    lines.push(
      `  ${t.file}: statements ${t.before.statements}% → ${t.after.statements}%, branches ${t.before.branches}% → ${t.after.branches}%, gaps ${t.gapsBefore} → ${t.gapsAfter}; ${t.accepted}/${t.tried} candidates kept${t.accepted > 0 ? `, ${what}` : ''}`,
    )
    for (const problem of [...t.problems, ...t.rejected]) lines.push(`    ${problem}`)
  }
  const f = summary.funnel
  const stages = (['unparsable', 'trivial', 'failed', 'flaky', 'timeout', 'no-gain'] as const)
    .filter((v) => f[v])
    .map((v) => `${f[v]} ${v}`)
  lines.push(
    `  gaps closed: ${summary.gapsBefore - summary.gapsAfter} of ${summary.gapsBefore}; candidates: ${f.generated} generated (${summary.repaired} by repair), ${f.accepted ?? 0} accepted${stages.length ? `, ${stages.join(', ')}` : ''}`,
  )
  if (summary.budgetExhausted) lines.push('  the time budget ran out before every file was tried (raise --budget-seconds)')
  if (summary.suite && !summary.suite.passed)
    lines.push(`  the new tests were removed: the suite failed with them (${summary.suite.message})`)
  return lines.join('\n')
}
