import type Database from 'better-sqlite3'
import type { QuarantinePredicate } from './time-ranked-reward.js'
import type { TestOutcome } from './types.js'

/** One finished run of the store, with one outcome per test file it ran. */
export interface RunOutcomes {
  runId: number
  outcomes: TestOutcome[]
}

interface ExecutionFact {
  runId: number
  file: string
  testKey: string
  status: string
  final: number
  durationMs: number | null
}

/**
 * Reads the finished runs after `afterRunId`, in the order they were recorded, as per-file
 * outcomes: a file failed when the final attempt of one of its tests failed and that test is not
 * quarantined; its duration is the time of all its attempts. Runs still marked running are
 * left for later.
 */
export function readRunOutcomes(db: Database.Database, afterRunId: number, isQuarantined: QuarantinePredicate): RunOutcomes[] {
  const facts = db
    .prepare<[number], ExecutionFact>(
      `SELECT e.run_id AS runId, t.file, t.test_key AS testKey, e.status, e.final, e.duration_ms AS durationMs
       FROM executions e JOIN runs r ON r.id = e.run_id JOIN tests t ON t.id = e.test_id
       WHERE e.run_id > ? AND r.outcome != 'running'
       ORDER BY e.run_id, e.id`,
    )
    .iterate(afterRunId)
  const runs: RunOutcomes[] = []
  let files = new Map<string, { failed: boolean; durationMs?: number }>()
  let current: number | undefined
  const close = () => {
    if (current !== undefined) runs.push({ runId: current, outcomes: [...files].map(([id, file]) => ({ id, ...file })) })
  }
  for (const fact of facts) {
    if (fact.runId !== current) {
      close()
      current = fact.runId
      files = new Map()
    }
    const file = files.get(fact.file) ?? { failed: false }
    if (fact.final === 1 && fact.status === 'failed' && !isQuarantined(fact.testKey)) file.failed = true
    if (fact.durationMs !== null) file.durationMs = (file.durationMs ?? 0) + fact.durationMs
    files.set(fact.file, file)
  }
  close()
  return runs
}
