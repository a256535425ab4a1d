import type { FlakyVerdict } from '@aqe/core'

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()

/** The detector's verdicts as a Markdown section (GitHub job summary, PR comment). */
export function formatFlakyMarkdown(verdicts: readonly FlakyVerdict[]): string {
  if (verdicts.length === 0) return '## aqe flaky tests\n\nNo flaky or broken tests.\n'
  const rows = verdicts.map(
    (v) =>
      `| ${v.state} | \`${cell(v.id)}\` | ${pct(v.score)} | ${v.evidence.sameCommitFlakes} | ${v.evidence.runs} | ${cell(v.evidence.reasons.join('; '))} | ${cell((v.evidence.lastFailureMessage ?? '').split('\n')[0] ?? '')} |`,
  )
  return [
    '## aqe flaky tests',
    '',
    '| state | test | failure probability | same-commit flakes | runs | why | last failure |',
    '|---|---|---:|---:|---:|---|---|',
    ...rows,
    '',
  ].join('\n')
}
