import type { GapFormat } from './gap-formats.js'
import { htmlReport } from './html-report.js'
import { jsonReport } from './json-report.js'
import { markdownReport } from './markdown-report.js'
import type { LinkFn } from './permalinks.js'
import { sarifReport } from './sarif-report.js'
import { tableReport } from './table-report.js'
import type { GapReport } from './types.js'

export { GAP_FORMATS, type GapFormat } from './gap-formats.js'

/** Gaps listed when no `top` is given: 20 in the terminal table, all in the other formats (Markdown stops at its budget). */
export const DEFAULT_TABLE_TOP = 20

/**
 * Renders a report in one format; `top` limits the gaps listed (totals always cover everything).
 * `sources`: the text of source files already read, by absolute path (the HTML report shows them).
 */
export function renderGapReport(
  report: GapReport,
  format: GapFormat,
  options: { top?: number; link?: LinkFn; sources?: ReadonlyMap<string, string> } = {},
): string {
  switch (format) {
    case 'table':
      return tableReport(report, options.top ?? DEFAULT_TABLE_TOP)
    case 'md':
      return markdownReport(report, { top: options.top, link: options.link })
    case 'json':
      return jsonReport(report, options.top)
    case 'html':
      return htmlReport(report, options.top, options.sources)
    case 'sarif':
      return sarifReport(report, options.top)
  }
}
