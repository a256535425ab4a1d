import type Database from 'better-sqlite3'
import type { AgentSnapshot } from './prioritisation-agent.js'

/** A policy saved in the store: what the agent learnt, and up to which run. */
export interface SavedPolicy {
  /** Id of the last run learnt from. */
  lastRunId: number
  /** The options the policy was learnt with; a policy learnt with others is relearnt. */
  optionsKey: string
  snapshot: AgentSnapshot
}

/** The policy kept under `scope`, or undefined when there is none or it cannot be read. */
export function loadPolicy(db: Database.Database, scope: string): SavedPolicy | undefined {
  const row = db
    .prepare<[string], { lastRunId: number; optionsKey: string; policy: string }>(
      'SELECT last_run_id AS lastRunId, options_key AS optionsKey, policy FROM prioritiser_policies WHERE scope = ?',
    )
    .get(scope)
  if (!row) return undefined
  try {
    return { lastRunId: row.lastRunId, optionsKey: row.optionsKey, snapshot: JSON.parse(row.policy) as AgentSnapshot }
  } catch {
    // An unreadable policy is relearnt from the history, which the store still holds.
    return undefined
  }
}

/** Saves a policy unless the store already holds one learnt from later runs (a concurrent shard's). */
export function savePolicy(db: Database.Database, scope: string, policy: SavedPolicy): void {
  db.prepare(
    `INSERT INTO prioritiser_policies (scope, last_run_id, options_key, policy, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (scope) DO UPDATE SET last_run_id = excluded.last_run_id, options_key = excluded.options_key,
       policy = excluded.policy, updated_at = excluded.updated_at
     WHERE excluded.last_run_id > prioritiser_policies.last_run_id OR excluded.options_key != prioritiser_policies.options_key`,
  ).run(scope, policy.lastRunId, policy.optionsKey, JSON.stringify(policy.snapshot), new Date().toISOString())
}
