import { appendFileSync } from 'node:fs'
import { markdownReport } from './markdown-report.js'
import type { LinkFn } from './permalinks.js'
import type { GapReport } from './types.js'

/** GitHub allows 1 MiB of job summary per step. */
export const JOB_SUMMARY_BUDGET = 1024 * 1024

/**
 * Appends the Markdown report to the GitHub job summary when `GITHUB_STEP_SUMMARY` names a file.
 * Returns whether it wrote one.
 */
export function writeJobSummary(report: GapReport, link: LinkFn, env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return false
  appendFileSync(file, markdownReport(report, { budget: JOB_SUMMARY_BUDGET, link }))
  return true
}
