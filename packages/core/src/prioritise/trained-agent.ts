import type Database from 'better-sqlite3'
import { loadPolicy, savePolicy } from './policy-store.js'
import { PrioritisationAgent } from './prioritisation-agent.js'
import type { PrioritiserOptions } from './prioritiser-options.js'
import { readRunOutcomes } from './read-run-outcomes.js'
import { noneQuarantined, type QuarantinePredicate } from './time-ranked-reward.js'

/** Where the file-level policy of the runner sequencers is kept in the store. */
export const FILE_POLICY_SCOPE = 'test-files'

/** How to bring the stored agent up to date. */
export interface TrainAgentOptions extends PrioritiserOptions {
  /** Whose failures are no reward (the flaky quarantine). @default none */
  isQuarantined?: QuarantinePredicate
  /** Save the updated policy back into the store. @default true */
  save?: boolean
}

/** An agent that has learnt from every finished run in the store. */
export interface TrainedAgent {
  agent: PrioritisationAgent
  /** Runs learnt from in this call (0 when the saved policy was up to date). */
  learntRuns: number
}

/**
 * Loads the policy saved in the store, learns from every run finished since, in recorded order,
 * and saves it again: the agent learns online after every run without the reporters having to
 * know it. The result depends only on the stored runs and the options.
 */
export function trainAgentFromStore(db: Database.Database, options: TrainAgentOptions = {}): TrainedAgent {
  const { isQuarantined = noneQuarantined, save = true, ...agentOptions } = options
  const fresh = new PrioritisationAgent(agentOptions)
  const optionsKey = JSON.stringify(fresh.options)
  const saved = loadPolicy(db, FILE_POLICY_SCOPE)
  const usable = saved !== undefined && saved.optionsKey === optionsKey
  const agent = usable ? new PrioritisationAgent(agentOptions, saved.snapshot) : fresh
  const runs = readRunOutcomes(db, usable ? saved.lastRunId : 0, isQuarantined)
  for (const run of runs) agent.learn(run.outcomes, isQuarantined)
  const lastRunId = runs.at(-1)?.runId
  if (save && lastRunId !== undefined) savePolicy(db, FILE_POLICY_SCOPE, { lastRunId, optionsKey, snapshot: agent.snapshot() })
  return { agent, learntRuns: runs.length }
}
