import { lineRange } from './permalinks.js'
import type { CoverageCount, GapReport } from './types.js'

/**
 * The report for a terminal: the totals, changed-line coverage when a base was given, and the
 * top gaps as an aligned table with the reasons of each.
 */
export function tableReport(report: GapReport, top: number): string {
  const t = report.totals
  const out = [
    `Coverage: lines ${count(t.lines)}, statements ${count(t.statements)}, functions ${count(t.functions)}, branches ${count(t.branches)}`,
  ]
  if (report.changed) {
    const c = report.changed
    out.push(`Changed lines since ${c.base}: ${c.pct}% (${c.covered}/${c.total} in ${c.files} file${c.files === 1 ? '' : 's'})`)
  }
  if (report.gaps.length === 0) return `${out.join('\n')}\nNo coverage gaps: every statement, branch and function ran.\n`
  const shown = report.gaps.slice(0, top)
  out.push('', `Top ${shown.length} of ${report.gaps.length} gaps, most worth testing first:`)
  const rows = shown.map((gap, i) => [
    String(i + 1),
    gap.score.toFixed(1),
    `${gap.file}:${lineRange(gap)}`,
    gap.kind,
    gap.functionName,
    gap.reasons.map((r) => r.text).join('; '),
  ])
  out.push(layout(['#', 'score', 'where', 'kind', 'function', 'why'], rows, new Set([0, 1])))
  if (report.gaps.length > shown.length) out.push(`+${report.gaps.length - shown.length} more (use --top or --format json)`)
  return `${out.join('\n')}\n`
}

function count(c: CoverageCount): string {
  return `${c.pct}% (${c.covered}/${c.total})`
}

function layout(header: readonly string[], rows: readonly string[][], right: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - cell.length)
        return right.has(i) ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}
