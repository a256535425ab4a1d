import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { loadConfig } from '@aqe/core/config'
import { InputError } from '@aqe/core/errors'
import { analyseGaps, type GapReport, githubPermalinks, type LinkFn, renderGapReport, writeJobSummary } from '@aqe/coverage'
import { GAP_FORMATS } from '@aqe/coverage/formats'
import { oneOf, positiveInt } from '../options.js'

interface GapsOptions {
  coverage?: string[]
  base?: string
  format: string
  json?: boolean
  top?: string
  out?: string
  failUnder?: string
}

/** `aqe gaps`: analyses the coverage, renders the report in the chosen format and applies the changed-lines gate. */
export async function runGaps(options: GapsOptions): Promise<void> {
  const format = options.json ? 'json' : oneOf(options.format, GAP_FORMATS, '--format')
  const top = options.top === undefined ? undefined : positiveInt(options.top, '--top')
  const failUnder = options.failUnder === undefined ? undefined : percent(options.failUnder)
  if (failUnder !== undefined && options.base === undefined) {
    throw new InputError('--fail-under gates the coverage of changed lines, so it needs --base <ref> (e.g. --base origin/main).')
  }
  const root = process.cwd()
  const { config } = await loadConfig(root)
  // The HTML report shows every listed source: keep the text read for measuring rather than read it twice.
  const sources = format === 'html' ? new Map<string, string>() : undefined
  const report = analyseGaps({
    coverageFiles: options.coverage,
    base: options.base,
    root,
    critical: config.gaps?.critical,
    onProgress: (message) => process.stderr.write(`aqe gaps: ${message}\n`),
    sources,
  })
  // Only the Markdown report and the job summary link to lines: the other formats need not ask git for the remote.
  let links: LinkFn | undefined
  const link: LinkFn = (gap) => {
    links ??= githubPermalinks(root, report.commit)
    return links(gap)
  }
  const output = renderGapReport(report, format, { top, link, sources })
  if (options.out) {
    const file = resolve(root, options.out)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, output)
    process.stderr.write(`aqe gaps: wrote ${format} report to ${options.out} (${report.gaps.length} gaps)\n`)
  } else {
    process.stdout.write(output)
  }
  if (writeJobSummary(report, link)) process.stderr.write('aqe gaps: added the report to the GitHub job summary\n')
  if (failUnder !== undefined) gate(report, failUnder)
}

function percent(value: string): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new InputError(`--fail-under must be a percentage from 0 to 100, got "${value}".`)
  return n
}

function gate(report: GapReport, failUnder: number): void {
  const c = report.changed
  if (!c) return
  const summary = `${c.pct}% of changed lines covered (${c.covered}/${c.total} executable lines since ${c.base})`
  if (c.pct < failUnder) {
    process.stderr.write(`aqe gaps: FAILED: ${summary}, under --fail-under ${failUnder}%. Test the top gaps marked "changed" above.\n`)
    process.exitCode = 1
  } else {
    process.stderr.write(`aqe gaps: passed: ${summary}, meets --fail-under ${failUnder}%.\n`)
  }
}
