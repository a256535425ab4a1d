/** The status of one execution attempt, as both runners report it. */
export type AttemptStatus = 'passed' | 'failed' | 'skipped' | 'todo'

/** How a whole run ended. `running` marks a run whose reporter never saw the end. */
export type RunOutcome = 'running' | 'passed' | 'failed' | 'interrupted'

/** Where and on what a run executed; everything but runner and start time is optional. */
export interface RunInfo {
  /** Unique key of the run; merges and imports use it to stay idempotent. */
  runKey: string
  runner: string
  runnerVersion?: string
  /** Project name (package name, Jest displayName or Vitest project). */
  project?: string
  startedAt: Date
  commit?: string
  branch?: string
  /** CI provider name, e.g. `github-actions`. */
  ci?: string
  /** CI job or build identifier. */
  job?: string
  /** `index/count`, 1-based, e.g. `2/4`. */
  shard?: string
}

/** One execution attempt of one test. */
export interface AttemptRecord {
  /** Test file, relative to the project root, with `/` separators. */
  file: string
  /** Suite and test titles joined with ` > `; empty for a failure of the file itself. */
  fullName: string
  /** 0 for the first attempt, 1 for the first retry, and so on. */
  attempt: number
  status: AttemptStatus
  durationMs?: number
  errorName?: string
  errorMessage?: string
  /** Project that ran it when a run spans several (Vitest projects, Jest multi-project). */
  project?: string
}

/** The final state of a run, written when the runner finishes. */
export interface RunEnd {
  outcome: RunOutcome
  endedAt: Date
  /** Process exit code when a wrapper knows it. */
  exitCode?: number
}
