import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { InputError } from '@aqe/core'
import type { CoverageMap, FileCoverage } from 'istanbul-lib-coverage'
import { type ChangedLines, changedLines } from './changed-lines.js'
import { findFileGaps } from './find-gaps.js'
import { type GapOptions, resolveGapOptions } from './gap-options.js'
import { git, gitTopLevel } from './git.js'
import { gitChurn } from './git-churn.js'
import { globMatcher } from './glob-match.js'
import { defaultParallelism, type Measuring, startMeasuring } from './measure-files.js'
import { rankGaps, scoreGap } from './rank-gaps.js'
import { coveragePathHints, parseCoverageTexts, readCoverageFiles, readCoverageTexts, toCoverageMap } from './read-coverage.js'
import { coverageTotals } from './totals.js'
import type { ChangedCoverage, FileSummary, Gap, GapReport } from './types.js'

// require, not import: see complexity.ts (no CommonJS export scan when loaded from ESM).
const libCoverage = createRequire(import.meta.url)('istanbul-lib-coverage') as typeof import('istanbul-lib-coverage')

const PROGRESS_EVERY = 1000

/**
 * Turns coverage into a gap report: reads and merges the coverage, finds the gaps of every file,
 * measures complexity from the source, adds git churn, change membership and criticality, and
 * ranks the gaps best-first. Totals are istanbul-lib-coverage's own summary of the merged map.
 */
export function analyseGaps(options: GapOptions = {}): GapReport {
  const opts = resolveGapOptions(options)
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(opts.root, path))
  // Parsing the sources starts before the coverage is parsed: worker threads take the files the
  // coverage names (a quick scan of its text) while this thread parses the JSON and sums it up.
  let measuring: Measuring | undefined
  const startParsing = (hints: readonly string[]) => {
    const threads = opts.parallelism ?? defaultParallelism(hints.length)
    measuring = startMeasuring(threads > 1 && hints.length >= threads * 2 ? threads - 1 : 0)
    measuring.supply(hints)
  }
  try {
    let map: CoverageMap
    if (opts.coverageMap) {
      map = toCoverageMap(opts.coverageMap, 'The coverage map')
    } else {
      const texts = readCoverageTexts(opts.coverageFiles)
      const hints = texts ? [...new Set(texts.flatMap(coveragePathHints).map(absolute))] : []
      if (hints.length > 0) startParsing(hints)
      map = texts ? parseCoverageTexts(opts.coverageFiles, texts) : readCoverageFiles(opts.coverageFiles)
    }
    const paths = map.files()
    const absolutePaths = paths.map(absolute)
    checkSourcesExist(absolutePaths)

    // A fully covered file has no gaps to measure, so its source is not parsed.
    const coverages = paths.map((path) => map.fileCoverageFor(path))
    const parsed: number[] = []
    coverages.forEach((coverage, index) => {
      if (hasGaps(coverage)) parsed.push(index)
    })
    if (parsed.length >= PROGRESS_EVERY) opts.onProgress(`parsing ${parsed.length} source files`)
    const parsedFiles = parsed.map((index) => absolutePaths[index] as string)
    if (measuring) measuring.need(parsedFiles)
    else startParsing(parsedFiles)

    const topLevel = gitTopLevel(opts.root)
    const churn = topLevel && opts.churn ? gitChurn(topLevel, opts.churnCommits) : undefined
    if (opts.base !== undefined && !topLevel) {
      throw new InputError(
        `--base ${opts.base} needs a git repository, and ${opts.root} is not in one. Run aqe gaps inside the repository or drop --base.`,
      )
    }
    const changed = opts.base !== undefined && topLevel ? changedLines(topLevel, opts.base) : undefined
    const critical = globMatcher(opts.critical)

    const files: FileSummary[] = []
    // The same sum istanbul's map.getCoverageSummary() computes, without summarising every file twice.
    const totals = libCoverage.createCoverageSummary()
    const names = absolutePaths.map((file) => relative(opts.root, file).split(sep).join('/'))
    coverages.forEach((coverage, index) => {
      const summary = coverage.toSummary()
      totals.merge(summary)
      files.push({ file: names[index] as string, totals: coverageTotals(summary), gaps: 0 })
    })

    // Each file's gaps are found as soon as its measurements come in, while the workers parse on.
    // Gaps of one file stay together and in order, which is all the ranking's tie-breaks depend on.
    const gaps: Gap[] = []
    let analysed = 0
    ;(measuring as Measuring).each(parsedFiles, (i, fileComplexity) => {
      const index = parsed[i] as number
      const file = absolutePaths[index] as string
      const name = names[index] as string
      const lines = changed?.get(file)
      const fileChurn = churn?.get(file) ?? (churn ? 0 : undefined)
      const fileCritical = critical(name)
      const fileGaps = findFileGaps(name, (coverages[index] as FileCoverage).data, fileComplexity)
      for (const gap of fileGaps) {
        const gapChanged = changed ? overlaps(lines, gap.startLine, gap.endLine) : undefined
        gaps.push(scoreGap(gap, { churn: fileChurn, critical: fileCritical, base: opts.base, changed: gapChanged }))
      }
      ;(files[index] as FileSummary).gaps = fileGaps.length
      if (++analysed % PROGRESS_EVERY === 0 && analysed < parsed.length) opts.onProgress(`analysed ${analysed} of ${parsed.length} files`)
    })

    const report: GapReport = { totals: coverageTotals(totals), gaps: rankGaps(gaps), files, root: opts.root }
    if (changed && opts.base !== undefined) report.changed = changedCoverage(map, absolutePaths, changed, opts.base)
    const commit = topLevel ? git(topLevel, ['rev-parse', 'HEAD'])?.trim() : undefined
    if (commit) report.commit = commit
    return report
  } finally {
    measuring?.close()
  }
}

function checkSourcesExist(files: readonly string[]): void {
  const missing = files.filter((file) => !existsSync(file))
  if (missing.length === 0) return
  const shown = missing.slice(0, 3).join(', ')
  const more = missing.length > 3 ? ` and ${missing.length - 3} more` : ''
  throw new InputError(
    `The coverage refers to ${missing.length} source file${missing.length === 1 ? '' : 's'} that no longer exist${missing.length === 1 ? 's' : ''}: ${shown}${more}. Regenerate the coverage for the current code, or run aqe gaps from the project root the coverage was made in.`,
  )
}

function hasGaps(coverage: FileCoverage): boolean {
  const { s, f, b } = coverage.data
  for (const id in s) if (s[id] === 0) return true
  for (const id in f) if (f[id] === 0) return true
  for (const id in b) if (b[id]?.includes(0)) return true
  return false
}

function overlaps(lines: Set<number> | undefined, start: number, end: number): boolean {
  if (!lines) return false
  for (let line = start; line <= end; line++) if (lines.has(line)) return true
  return false
}

/** Coverage of the changed executable lines; a change without executable lines counts as fully covered. */
function changedCoverage(map: CoverageMap, files: readonly string[], changed: ChangedLines, base: string): ChangedCoverage {
  let total = 0
  let covered = 0
  let touched = 0
  map.files().forEach((path, i) => {
    const lines = changed.get(files[i] ?? path)
    if (!lines) return
    const hits = (map.fileCoverageFor(path) as FileCoverage).getLineCoverage()
    let counted = false
    for (const line of lines) {
      const count = hits[line]
      if (count === undefined) continue
      counted = true
      total++
      if (count > 0) covered++
    }
    if (counted) touched++
  })
  const pct = total === 0 ? 100 : Math.floor((100_000 * covered) / total + 0.5) / 1000
  return { base, total, covered, pct, files: touched }
}
