import { existsSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { InputError } from '@aqe/core/errors'
import type { CoverageMap } from 'istanbul-lib-coverage'
import { changedLines } from './changed-lines.js'
import type { FileComplexity } from './complexity.js'
import { type CoverageEntry, parseCoverageEntry, splitCoverageEntries } from './coverage-entries.js'
import { analyseFile, type FileSignals, GapCollector, hasGaps } from './gap-collector.js'
import { type GapOptions, type ResolvedGapOptions, resolveGapOptions } from './gap-options.js'
import { git, gitTopLevel } from './git.js'
import { gitChurn } from './git-churn.js'
import { globMatcher } from './glob-match.js'
import { defaultParallelism, type Measuring, startMeasuring } from './measure-files.js'
import { rankGaps } from './rank-gaps.js'
import { coveragePathHints, parseCoverageTexts, readCoverageFiles, readCoverageTexts, toCoverageMap } from './read-coverage.js'
import type { GapReport } from './types.js'

const PROGRESS_EVERY = 1000

/**
 * Turns coverage into a gap report: reads and merges the coverage, finds the gaps of every file,
 * measures complexity from the source, adds git churn, change membership and criticality, and
 * ranks the gaps best-first. Totals are istanbul-lib-coverage's own summary of the merged map.
 */
export function analyseGaps(options: GapOptions = {}): GapReport {
  const opts = resolveGapOptions(options)
  let texts: string[] | undefined
  if (!opts.coverageMap) {
    // A worker takes a tenth of a second to start: for coverage that will need one, it starts now,
    // while this thread reads the coverage, and gets the files to measure once they are known.
    const early =
      coverageBytes(opts.coverageFiles) >= EARLY_WORKER_BYTES
        ? startMeasuring(workersFor(opts, Number.POSITIVE_INFINITY), opts.sources)
        : undefined
    texts = readCoverageTexts(opts.coverageFiles)
    const entries = texts?.length === 1 ? splitCoverageEntries(texts[0] as string) : undefined
    if (entries) {
      try {
        return analyseEntries(opts, texts?.[0] as string, entries, early)
      } catch {
        // Whatever went wrong (a broken entry, a missing source, a bad base ref…) is reported by
        // the whole-map path below, exactly as it always was, and in the same order.
      }
    } else if (early) {
      return analyseMap(opts, texts, early)
    }
  }
  return analyseMap(opts, texts, undefined)
}

/** Coverage this large names enough files (about 500, at 2 kB or more each) for a worker to pay. */
const EARLY_WORKER_BYTES = 1024 * 1024

function coverageBytes(files: readonly string[]): number {
  let bytes = 0
  for (const file of files) bytes += statSync(file, { throwIfNoEntry: false })?.size ?? 0
  return bytes
}

/** Workers to start for `count` files: the threads in use, this one excepted. */
function workersFor(opts: ResolvedGapOptions, count: number): number {
  const threads = opts.parallelism ?? defaultParallelism(count)
  return threads > 1 && count >= threads * 2 ? threads - 1 : 0
}

/**
 * The usual case, one coverage file: each file's entry is parsed, used and dropped in turn while a
 * worker measures the sources in the same order, so the map never lives whole in memory (parsed
 * whole, a 28 MB map lives on as some 100 MB of objects the garbage collector copies and marks over
 * and over). Throws on any problem, which the caller then reports through {@link analyseMap}.
 */
function analyseEntries(opts: ResolvedGapOptions, text: string, entries: CoverageEntry[], early: Measuring | undefined): GapReport {
  const absolutePaths = entries.map((entry) => absolute(opts, entry.key))
  const names = absolutePaths.map((file) => reportPath(opts, file))
  const measuring = early ?? startMeasuring(workersFor(opts, entries.length), opts.sources)
  try {
    measuring.supply(absolutePaths)
    const { signals, commit } = readSignals(opts)
    if (entries.length >= PROGRESS_EVERY) opts.onProgress(`parsing the coverage and sources of ${entries.length} files`)
    const collector = new GapCollector(signals)
    entries.forEach((entry, index) => {
      const file = absolutePaths[index] as string
      const data = parseCoverageEntry(text, entry.start, entry.end)
      let read = false
      const measure = () => {
        read = true
        return measuring.get(file)
      }
      collector.add(analyseFile(names[index] as string, file, data, signals.changed, measure))
      // A source read for its complexity exists; one that is not (fully covered) must still exist.
      // A missing one fails here, and the whole-map path then reports every missing file at once.
      if (!read && !existsSync(file)) throw new InputError(`${file} does not exist`)
      if ((index + 1) % PROGRESS_EVERY === 0 && index + 1 < entries.length)
        opts.onProgress(`analysed ${index + 1} of ${entries.length} files`)
    })
    return report(opts, collector, signals, commit)
  } finally {
    measuring.close()
  }
}

/** Any coverage, merged whole with istanbul-lib-coverage; the path that reports problems with the coverage. */
function analyseMap(opts: ResolvedGapOptions, texts: string[] | undefined, early: Measuring | undefined): GapReport {
  // Parsing the sources starts before the coverage is parsed: worker threads take the files the
  // coverage names (a quick scan of its text) while this thread parses the JSON and sums it up.
  let measuring: Measuring | undefined
  const startParsing = (hints: readonly string[]) => {
    measuring = early ?? startMeasuring(workersFor(opts, hints.length), opts.sources)
    measuring.supply(hints)
  }
  try {
    let map: CoverageMap
    if (opts.coverageMap) {
      map = toCoverageMap(opts.coverageMap, 'The coverage map')
    } else {
      const hints = texts ? [...new Set(texts.flatMap(coveragePathHints).map((path) => absolute(opts, path)))] : []
      if (hints.length > 0) startParsing(hints)
      map = texts ? parseCoverageTexts(opts.coverageFiles, texts) : readCoverageFiles(opts.coverageFiles)
    }
    const paths = map.files()
    const absolutePaths = paths.map((path) => absolute(opts, path))
    checkSourcesExist(absolutePaths)

    // A fully covered file has no gaps to measure, so its source is not parsed.
    const coverages = paths.map((path) => map.fileCoverageFor(path))
    const parsed: number[] = []
    coverages.forEach((coverage, index) => {
      if (hasGaps(coverage.data)) parsed.push(index)
    })
    if (parsed.length >= PROGRESS_EVERY) opts.onProgress(`parsing ${parsed.length} source files`)
    const parsedFiles = parsed.map((index) => absolutePaths[index] as string)
    if (measuring) measuring.need(parsedFiles)
    else startParsing(parsedFiles)

    const { signals, commit } = readSignals(opts)
    const complexities = new Map<number, FileComplexity>()
    let measured = 0
    ;(measuring as Measuring).each(parsedFiles, (i, fileComplexity) => {
      complexities.set(parsed[i] as number, fileComplexity)
      if (++measured % PROGRESS_EVERY === 0 && measured < parsed.length) opts.onProgress(`measured ${measured} of ${parsed.length} files`)
    })
    const collector = new GapCollector(signals)
    coverages.forEach((coverage, index) => {
      const file = absolutePaths[index] as string
      const measure = () => complexities.get(index) as FileComplexity
      collector.add(analyseFile(reportPath(opts, file), file, coverage.data, signals.changed, measure))
    })
    return report(opts, collector, signals, commit)
  } finally {
    ;(measuring as Measuring | undefined)?.close()
    early?.close()
  }
}

/** Git churn, the changed lines since the base and the critical globs; throws when a base is given outside git. */
function readSignals(opts: ResolvedGapOptions): { signals: FileSignals; commit: string | undefined } {
  const topLevel = gitTopLevel(opts.root)
  const churn = topLevel && opts.churn ? gitChurn(topLevel, opts.churnCommits) : undefined
  if (opts.base !== undefined && !topLevel) {
    throw new InputError(
      `--base ${opts.base} needs a git repository, and ${opts.root} is not in one. Run aqe gaps inside the repository or drop --base.`,
    )
  }
  const changed = opts.base !== undefined && topLevel ? changedLines(topLevel, opts.base) : undefined
  const commit = topLevel ? git(topLevel, ['rev-parse', 'HEAD'])?.trim() : undefined
  return { signals: { base: opts.base, churn, changed, critical: globMatcher(opts.critical) }, commit: commit || undefined }
}

function report(opts: ResolvedGapOptions, collector: GapCollector, signals: FileSignals, commit: string | undefined): GapReport {
  const result: GapReport = { totals: collector.summary(), gaps: rankGaps(collector.gaps), files: collector.files, root: opts.root }
  if (signals.changed && opts.base !== undefined) result.changed = collector.changedCoverage(opts.base)
  if (commit) result.commit = commit
  return result
}

const absolute = (opts: ResolvedGapOptions, path: string) => (isAbsolute(path) ? path : resolve(opts.root, path))

/** The path a report shows: relative to the root, `/`-separated. */
function reportPath(opts: ResolvedGapOptions, file: string): string {
  // Most files lie under the root, and path.relative() normalises both paths on every call.
  const under = opts.root.endsWith(sep) ? opts.root : opts.root + sep
  const plain = file.startsWith(under) && !file.includes(`${sep}.`) && !file.includes(sep + sep)
  const path = plain ? file.slice(under.length) : relative(opts.root, file)
  return sep === '/' ? path : path.split(sep).join('/')
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
