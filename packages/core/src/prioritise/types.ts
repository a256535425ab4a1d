/** A test (a file, for the runner sequencers) that is about to run. */
export interface TestCandidate {
  /** Stable id: for files, the path relative to the project root with `/` separators. */
  id: string
  /** Expected duration in ms; unknown for a test never seen. */
  durationMs?: number
}

/** How one test ended in a finished run (a CI cycle). */
export interface TestOutcome {
  id: string
  failed: boolean
  durationMs?: number
}

/** A candidate with the agent's priority, in the order the tests should run. */
export interface RankedTest {
  id: string
  /** The agent's value of running this test early; higher runs first. */
  priority: number
  /** Expected duration in ms (the last one observed, or the candidate's own estimate). */
  durationMs?: number
  /** The test failed the last time it ran. */
  lastFailed: boolean
  /** The agent has never seen this test; it gets the benefit of the doubt. */
  isNew: boolean
}
