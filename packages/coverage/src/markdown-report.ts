import { type LinkFn, lineRange } from './permalinks.js'
import type { CoverageCount, Gap, GapReport } from './types.js'

/** Options of {@link markdownReport}. */
export interface MarkdownOptions {
  /** Hard limit on the output length; GitHub rejects comments over 65,536 characters. @default 65536 */
  budget?: number
  /** Most gaps to list; the budget may cut the list shorter. @default all */
  top?: number
  /** Links to the lines of a gap at the commit; none gives plain line ranges. @default none */
  link?: LinkFn
  /** Scopes the hidden sticky-comment marker, so several reports (packages) keep separate comments. @default 'default' */
  name?: string
}

/** Hidden marker that lets a CI step find and update its own comment. */
export function markdownMarker(name = 'default'): string {
  return `<!-- aqe-gaps-report:${name} -->`
}

/**
 * The report as Markdown for a pull-request comment or job summary: a sticky marker, totals,
 * changed-line coverage, the ranked gaps (a table, then details per file in collapsible
 * sections) with permalinks, cut to the budget with a "+N more" line.
 */
export function markdownReport(report: GapReport, options: MarkdownOptions = {}): string {
  const budget = options.budget ?? 65_536
  const link = options.link ?? (() => undefined)
  const gaps = options.top === undefined ? report.gaps : report.gaps.slice(0, options.top)
  const head = [markdownMarker(options.name), '## Coverage gaps', '', totalsTable(report), '']
  if (report.changed) {
    const c = report.changed
    head.push(`**Changed lines since \`${c.base}\`:** ${c.pct}% covered (${c.covered}/${c.total} executable lines in ${c.files} files)`, '')
  }
  if (gaps.length === 0) return `${head.join('\n')}No coverage gaps: every statement, branch and function ran.\n`
  const tableHead = ['### Most worth testing next', '', '| # | Score | Where | Kind | Why |', '| ---: | ---: | --- | --- | --- |']
  const row = (gap: Gap, i: number) =>
    `| ${i + 1} | ${gap.score.toFixed(1)} | ${where(gap, link)} | ${gap.kind} | ${escapeCell(why(gap))} |`
  return fitToBudget(head.join('\n'), tableHead.join('\n'), gaps, row, () => fileSections(gaps, link), report.gaps.length, budget)
}

/** Adds rows while they fit; the per-file details only when every row did. Rows are built as needed, so a huge report costs little. */
function fitToBudget(
  head: string,
  tableHead: string,
  gaps: readonly Gap[],
  row: (gap: Gap, i: number) => string,
  sections: () => string[],
  all: number,
  budget: number,
): string {
  const more = (n: number, why: string) =>
    `\n\n_+${n} more gap${n === 1 ? '' : 's'} not shown (${why}); run \`aqe gaps --format json\` for all._\n`
  const reserve = more(all, 'size limit').length
  let out = `${head}\n${tableHead}`
  let shown = 0
  for (const gap of gaps) {
    const text = row(gap, shown)
    if (out.length + text.length + 1 + reserve > budget) break
    out += `\n${text}`
    shown++
  }
  if (shown === gaps.length) {
    let details = '\n\n<details><summary>Gaps by file</summary>\n'
    for (const section of sections()) {
      if (out.length + details.length + section.length + 12 + reserve > budget) {
        details = ''
        break
      }
      details += `\n${section}`
    }
    if (details) out += `${details}\n</details>`
  }
  if (shown === all) return `${out}\n`
  return out + more(all - shown, shown < gaps.length ? 'size limit' : `top ${gaps.length}`)
}

function fileSections(gaps: readonly Gap[], link: LinkFn): string[] {
  const byFile = new Map<string, Gap[]>()
  for (const gap of gaps) {
    const list = byFile.get(gap.file)
    if (list) list.push(gap)
    else byFile.set(gap.file, [gap])
  }
  return [...byFile].map(([file, list]) => {
    const items = list.map((gap) => `- ${where(gap, link, false)} ${gap.kind}, score ${gap.score.toFixed(1)}: ${escapeCell(why(gap))}`)
    return `<details><summary><code>${escapeCell(file)}</code>: ${list.length} gap${list.length === 1 ? '' : 's'}</summary>\n\n${items.join('\n')}\n\n</details>`
  })
}

function totalsTable(report: GapReport): string {
  const row = (name: string, c: CoverageCount) => `| ${name} | ${c.pct}% | ${c.covered}/${c.total} |`
  const t = report.totals
  return [
    '| Metric | Covered | Count |',
    '| --- | ---: | ---: |',
    row('Lines', t.lines),
    row('Statements', t.statements),
    row('Functions', t.functions),
    row('Branches', t.branches),
  ].join('\n')
}

function where(gap: Gap, link: LinkFn, withFile = true): string {
  const text = withFile ? `${gap.file}#${lineRange(gap)}` : lineRange(gap)
  const url = link(gap)
  return url ? `[\`${text}\`](${url})` : `\`${text}\``
}

function why(gap: Gap): string {
  return gap.reasons.map((r) => r.text).join('; ')
}

function escapeCell(text: string): string {
  return text.replace(/[|<>]/g, (c) => (c === '|' ? '\\|' : c === '<' ? '&lt;' : '&gt;'))
}
