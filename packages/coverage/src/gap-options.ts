import { resolve } from 'node:path'
import { InputError } from '@aqe/core/errors'
import type { CoverageMap } from 'istanbul-lib-coverage'

/** Options of {@link analyseGaps}. */
export interface GapOptions {
  /** `coverage-final.json` files to read and merge, relative to `root`. @default ['coverage/coverage-final.json'] */
  coverageFiles?: readonly string[]
  /** An in-process coverage map (Vitest's `onCoverage`) or its JSON; when given, `coverageFiles` is not read. */
  coverageMap?: CoverageMap | object
  /** Project root: report paths are relative to it and critical globs match against them. @default process.cwd() */
  root?: string
  /** Base ref for change membership and the changed-lines gate; none means no change scoping. */
  base?: string
  /** Globs of critical files, relative to `root`. @default [] */
  critical?: readonly string[]
  /** Count commits per file for the churn signal. @default true */
  churn?: boolean
  /** How many recent commits the churn count looks at. @default 1000 */
  churnCommits?: number
  /** Threads, the calling one included: with more than 1, worker threads parse the sources while the calling thread reads the coverage and finds the gaps. @default up to 4 for 500 files or more, else 1 */
  parallelism?: number
  /** Receives progress lines for long work; the CLI prints them on stderr. @default none */
  onProgress?: (message: string) => void
  /**
   * Filled with the text of every source read to measure it (by absolute path), so that a report
   * that shows the sources (HTML) need not read them again. @default none
   */
  sources?: Map<string, string>
}

/** {@link GapOptions} with every default filled in. */
export type ResolvedGapOptions = Required<Omit<GapOptions, 'coverageMap' | 'base' | 'parallelism' | 'sources'>> &
  Pick<GapOptions, 'coverageMap' | 'base' | 'parallelism' | 'sources'>

/** Fills in defaults and checks values once, at the boundary. */
export function resolveGapOptions(options: GapOptions = {}): ResolvedGapOptions {
  const root = resolve(options.root ?? process.cwd())
  const churnCommits = options.churnCommits ?? 1000
  if (!Number.isInteger(churnCommits) || churnCommits <= 0)
    throw new InputError(`churnCommits must be a positive integer, got ${churnCommits}.`)
  if (options.parallelism !== undefined && (!Number.isInteger(options.parallelism) || options.parallelism < 1)) {
    throw new InputError(`parallelism must be a positive integer, got ${options.parallelism}.`)
  }
  if (options.base !== undefined && options.base.trim() === '') throw new InputError('--base needs a git ref, e.g. --base origin/main.')
  const files = options.coverageFiles && options.coverageFiles.length > 0 ? options.coverageFiles : ['coverage/coverage-final.json']
  return {
    coverageFiles: files.map((file) => resolve(root, file)),
    coverageMap: options.coverageMap,
    root,
    base: options.base,
    critical: options.critical ?? [],
    churn: options.churn ?? true,
    churnCommits,
    parallelism: options.parallelism,
    onProgress: options.onProgress ?? (() => {}),
    sources: options.sources,
  }
}
