import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js'
import { lineRange } from './permalinks.js'
import type { CoverageCount, Gap, GapReport } from './types.js'

/**
 * A self-contained HTML page: the totals, the ranked gaps with filters (kind, file, changed only),
 * and the source of every listed file with its gaps highlighted; each gap links to its lines.
 * `sources` may hold the files' text already read (by absolute path, see GapOptions.sources).
 */
export function htmlReport(report: GapReport, top?: number, sources?: ReadonlyMap<string, string>): string {
  const gaps = top === undefined ? report.gaps : report.gaps.slice(0, top)
  const byFile = new Map<string, Gap[]>()
  for (const gap of gaps) {
    const list = byFile.get(gap.file)
    if (list) list.push(gap)
    else byFile.set(gap.file, [gap])
  }
  const files = [...byFile.keys()].sort()
  const fileId = new Map(files.map((file, i) => [file, `f${i}`]))
  const escaped = new Map(files.map((file) => [file, esc(file)]))
  const t = report.totals
  const count = (name: string, c: CoverageCount) => `${name} <b>${c.pct}%</b> (${c.covered}/${c.total})`
  const changed = report.changed
    ? ` · changed lines since <code>${esc(report.changed.base)}</code> <b>${report.changed.pct}%</b> (${report.changed.covered}/${report.changed.total})`
    : ''
  const items = gaps.map((gap, i) => {
    const anchor = `${fileId.get(gap.file)}-L${gap.startLine}`
    const file = escaped.get(gap.file)
    return `<li class="gap" id="gap-${i + 1}" data-kind="${gap.kind}" data-file="${file}" data-changed="${gap.changed === true}"><span class="score">${gap.score.toFixed(1)}</span> <a href="#${anchor}">${file}:${lineRange(gap)}</a> <span class="kind">${gap.kind}</span> <span class="fn">${esc(gap.functionName)}</span><br><span class="why">${esc(gap.reasons.map((r) => r.text).join('; '))}</span></li>`
  })
  const sections = files.map((file) => {
    const path = resolve(report.root, file)
    const text = sources?.get(path) ?? readFileSync(path, 'utf8')
    return sourceSection(text, file, fileId.get(file) ?? '', byFile.get(file) ?? [])
  })
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Coverage gaps · aqe</title><style>${HTML_STYLE}</style></head>
<body><header><h1>Coverage gaps</h1>
<div>${count('lines', t.lines)} · ${count('statements', t.statements)} · ${count('functions', t.functions)} · ${count('branches', t.branches)}${changed}</div>
<div id="filters"><span><span id="shown">${gaps.length}</span> of ${report.gaps.length} gaps</span>
${['function', 'branch', 'statements'].map((k) => `<label><input type="checkbox" name="kind" value="${k}" checked> ${k}</label>`).join('\n')}
<label>file <input type="search" id="file-filter" placeholder="filter by path"></label>
${report.changed ? '<label><input type="checkbox" id="changed-only"> changed lines only</label>' : ''}</div></header>
<main><nav id="list"><ol>
${items.join('\n')}
</ol></nav><div id="sources">
${sections.join('\n')}
</div></main><script>${HTML_SCRIPT}</script></body></html>
`
}

function sourceSection(text: string, file: string, id: string, gaps: readonly Gap[]): string {
  const lines = text.split('\n')
  // The first-ranked gap on a line marks it; each gap's class and title are escaped once, not per line.
  const marks: (Gap | undefined)[] = new Array(lines.length + 1)
  // Only lines where a gap starts are link targets: other lines carry no id, and CSS numbers them
  // all, which keeps a report of thousands of files a quarter smaller.
  const targets = new Set<number>()
  for (let g = gaps.length - 1; g >= 0; g--) {
    const gap = gaps[g] as Gap
    const last = Math.min(gap.endLine, lines.length)
    for (let n = gap.startLine; n <= last; n++) marks[n] = gap
    targets.add(gap.startLine)
  }
  const attrs = new Map<Gap, [string, string]>()
  // Most files hold nothing to escape: one look at the whole text spares a test per line.
  const plain = !ESCAPED.test(text)
  const parts: string[] = [`<section class="file" id="${id}"><h2>${esc(file)}</h2><pre><code>`]
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1
    const gap = marks[n]
    let attr: [string, string] | undefined
    if (gap) {
      attr = attrs.get(gap)
      if (!attr) {
        attr = [` gap-${gap.kind}`, ` title="${esc(gap.reasons[0]?.text ?? gap.kind)}"`]
        attrs.set(gap, attr)
      }
    }
    const marker =
      gap?.branch && gap.startLine === n
        ? `<span class="marker">${gap.branch.arm === 0 && gap.branch.type === 'if' ? 'I' : gap.branch.type === 'if' ? 'E' : 'B'}</span>`
        : ''
    parts.push(
      `<span class="line${attr ? attr[0] : ''}"${targets.has(n) ? ` id="${id}-L${n}"` : ''}${attr ? attr[1] : ''}>${marker}${plain ? lines[i] : esc(lines[i] as string)}</span>`,
    )
  }
  parts.push('</code></pre></section>')
  return parts.join('')
}

const ESCAPED = /[&<>"']/

function esc(text: string): string {
  return ESCAPED.test(text) ? text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`) : text
}
