import { testId } from '../record/test-id.js'
import type { ExitDecision, FailedTest } from './exit-decision.js'
import type { QuarantineEntry } from './quarantine-entry.js'

/** What aqe tells the user after a run. */
export interface RunReport {
  decision: ExitDecision
  /** Whether aqe turned the failed run into a passed one. */
  passedRun: boolean
  /** Tests that passed only on retry in this run and never failed before: newly flaky. */
  passedOnRetry: FailedTest[]
  /** Why the run fails apart from its tests (load errors, unhandled errors, thresholds...). */
  otherCauses: string[]
  /** Quarantined tests that have run clean long enough to be released. */
  readyForRelease: QuarantineEntry[]
}

const name = (t: FailedTest) => testId(t.file, t.fullName)
const firstLine = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? ''
const tries = (t: FailedTest) => `${t.attempts} attempt${t.attempts === 1 ? '' : 's'}`
const detail = (t: FailedTest) => (firstLine(t.firstError) ? `: ${firstLine(t.firstError)}` : '')

/** The report as plain lines for stderr; empty when there is nothing to say. */
export function formatRunReport(r: RunReport): string {
  const out: string[] = []
  const { quarantined, unquarantined, expired } = r.decision
  if (quarantined.length > 0) {
    out.push(
      r.passedRun
        ? `[aqe] ${quarantined.length} quarantined failure(s) ignored; the run passes:`
        : `[aqe] ${quarantined.length} quarantined failure(s):`,
    )
    for (const t of quarantined) out.push(`[aqe]   ${name(t)} (${tries(t)})${detail(t)}`)
    if (!r.passedRun && unquarantined.length > 0)
      out.push(`[aqe] the run still fails: ${unquarantined.length} failure(s) are not quarantined.`)
    for (const cause of r.otherCauses) out.push(`[aqe] the run still fails: ${cause}.`)
  }
  for (const e of expired)
    out.push(`[aqe] quarantine of ${e.id} expired on ${e.expires}${e.owner ? ` (owner ${e.owner})` : ''}; its failures count again.`)
  if (r.passedOnRetry.length > 0) {
    out.push(`[aqe] ${r.passedOnRetry.length} newly flaky test(s), passed only on retry:`)
    for (const t of r.passedOnRetry) out.push(`[aqe]   ${name(t)} (${tries(t)})${detail(t)}`)
  }
  for (const e of r.readyForRelease) out.push(`[aqe] ${e.id} has run clean long enough: release it with aqe quarantine remove.`)
  return out.length === 0 ? '' : `${out.join('\n')}\n`
}

/** The report as a Markdown section for a GitHub job summary; empty when there is nothing to say. */
export function formatRunReportMarkdown(r: RunReport): string {
  const row = (t: FailedTest) => `| \`${name(t)}\` | ${t.attempts} | ${firstLine(t.firstError).replace(/\|/g, '\\|')} |`
  const out: string[] = []
  if (r.decision.quarantined.length > 0) {
    out.push(
      `### Quarantined failures${r.passedRun ? ' (ignored: the run passes)' : ''}`,
      '',
      '| test | attempts | first failure |',
      '|---|---:|---|',
    )
    out.push(...r.decision.quarantined.map(row), '')
  }
  if (r.decision.expired.length > 0) {
    out.push(
      '### Expired quarantine entries',
      '',
      ...r.decision.expired.map((e) => `- \`${e.id}\` expired ${e.expires}${e.owner ? `, owner ${e.owner}` : ''}`),
      '',
    )
  }
  if (r.passedOnRetry.length > 0) {
    out.push(
      '### Newly flaky: passed only on retry',
      '',
      '| test | attempts | first failure |',
      '|---|---:|---|',
      ...r.passedOnRetry.map(row),
      '',
    )
  }
  if (r.readyForRelease.length > 0) out.push('### Ready for release', '', ...r.readyForRelease.map((e) => `- \`${e.id}\``), '')
  return out.length === 0 ? '' : `## aqe flaky tests\n\n${out.join('\n')}`
}
