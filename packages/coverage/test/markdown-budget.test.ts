import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateProject } from '../../../benchmarks/gaps/generate-project.mjs'
import { analyseGaps, JOB_SUMMARY_BUDGET, markdownMarker, markdownReport } from '../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'aqe-gaps-huge-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('Markdown report on a huge coverage map', () => {
  const report = analyseGaps({ coverageFiles: [generateProject(dir, { files: 1500 })], root: dir, churn: false })
  const link = (gap: { file: string; startLine: number }) =>
    `https://github.com/acme/big/blob/0123456789abcdef0123456789abcdef01234567/${gap.file}#L${gap.startLine}`

  it('stays under the 65,536-character comment limit and says how many gaps it left out', () => {
    expect(report.gaps.length).toBeGreaterThan(10_000)
    const md = markdownReport(report, { link })
    expect(md.length).toBeLessThanOrEqual(65_536)
    expect(md.startsWith(`${markdownMarker()}\n`)).toBe(true)
    const rows = md.split('\n').filter((line) => /^\| \d+ \| /.test(line))
    const more = /_\+(\d+) more gaps not shown \(size limit\)/.exec(md)
    expect(Number(more?.[1])).toBe(report.gaps.length - rows.length)
    expect(rows.at(-1)).toMatch(/ \|$/)
  })

  it('fits far more into the 1 MiB job summary, still under its budget', () => {
    const md = markdownReport(report, { link, budget: JOB_SUMMARY_BUDGET })
    expect(md.length).toBeLessThanOrEqual(JOB_SUMMARY_BUDGET)
    expect(md.split('\n').filter((line) => /^\| \d+ \| /.test(line)).length).toBeGreaterThan(2000)
  })

  it('lists everything, with per-file details, when it all fits', () => {
    const md = markdownReport(report, { top: 5 })
    expect(md).toContain(`_+${report.gaps.length - 5} more gaps not shown (top 5);`)
    expect(md.match(/<details><summary><code>/g)?.length).toBeGreaterThan(0)
  })
})
