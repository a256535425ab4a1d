import { readFileSync, writeFileSync } from 'node:fs'
import type { FailedTest, RunFailures } from './exit-decision.js'

/** Environment variable through which `aqe run` asks a reporter for its verdict file. */
export const VERDICT_ENV = 'AQE_RUN_VERDICT'

/** What a runner's reporter hands to `aqe run` about a finished run. */
export interface RunVerdict {
  version: 1
  runner: string
  root: string
  /** The reporter's explicit `db` option, if any. */
  db?: string
  /** The exit code the runner uses for failed tests; any other code is never overridden. */
  testFailureExitCode: number
  failures: RunFailures
  passedOnRetry: FailedTest[]
  /** The runner already applied the quarantine in process (Vitest plugin): `aqe run` passes its code through. */
  decidedInProcess?: boolean
}

/**
 * Writes the verdict when the process exits, once every reporter (coverage thresholds included)
 * has had its say; `collect` reads the run's final state at that moment.
 */
export function writeVerdictOnExit(collect: () => RunVerdict, env: NodeJS.ProcessEnv = process.env): void {
  const file = env[VERDICT_ENV]
  if (!file) return
  process.once('exit', () => {
    try {
      writeFileSync(file, JSON.stringify(collect()))
    } catch {
      // No verdict means aqe run keeps the original exit code.
    }
  })
}

/** Reads a verdict file; undefined when it is missing or not a verdict. */
export function readVerdict(file: string): RunVerdict | undefined {
  try {
    const verdict = JSON.parse(readFileSync(file, 'utf8')) as RunVerdict
    return verdict?.version === 1 && Array.isArray(verdict.failures?.failedTests) ? verdict : undefined
  } catch {
    return undefined
  }
}
