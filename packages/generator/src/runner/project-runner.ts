import type { CoverageMapData } from 'istanbul-lib-coverage'
import type { TestFramework } from '../explore/explore-types.js'

/** One test case of a candidate run, as the runner reported it. */
export interface CaseResult {
  /** The file the case ran in (absolute). */
  file: string
  title: string
  fullName: string
  status: 'passed' | 'failed' | 'skipped'
  /** Failure messages, first line first; empty when it passed. */
  failures: string[]
  /** Whether the runner retried it (a retried pass is not a reliable pass). */
  retried: boolean
}

/** What one run of candidate files produced. */
export interface CandidateRun {
  /** Every case of every file. */
  cases: CaseResult[]
  /** Files that failed to load or run (syntax or import errors), with the runner's message. */
  fileErrors: Array<{ file: string; message: string }>
  /** Coverage of the target file, when coverage was asked for and the run produced it. */
  coverage?: CoverageMapData
  /** The runner's exit code; null when it was killed for running past the time limit. */
  exitCode: number | null
  timedOut: boolean
  /** The tail of the runner's output, for messages when nothing else explains a failure. */
  output: string
}

/** How to run a set of candidate files. */
export interface RunRequest {
  files: readonly string[]
  /** Absolute path of the file whose coverage is measured. */
  coverageOf: string
  /** Seed of the random test order. */
  seed: number
  timeoutMs: number
}

/** The project's own test runner, driven as a subprocess with the project's own config. */
export interface ProjectRunner {
  readonly framework: TestFramework
  readonly root: string
  /** The project's test files, as the runner itself lists them (absolute paths). */
  listTestFiles(): Promise<string[]>
  /** Runs the files in one process, in random order, with coverage of one source file. */
  run(request: RunRequest): Promise<CandidateRun>
}
