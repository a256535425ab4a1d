import { type PrioritiserOptions, type ResolvedPrioritiserOptions, resolvePrioritiserOptions } from './prioritiser-options.js'
import { sortByPriority } from './rank-order.js'
import { SeededRandom } from './seeded-random.js'
import { type CycleContext, cycleContext, FEATURE_COUNT, logDuration, stateFeatures } from './state-features.js'
import { rememberVerdict, type TestMemory } from './test-memory.js'
import { isRewardedFailure, noneQuarantined, type QuarantinePredicate, visitRewardPairs } from './time-ranked-reward.js'
import type { RankedTest, TestCandidate, TestOutcome } from './types.js'

/** Version of the saved policy format; a snapshot of another version is discarded and the agent relearns. */
export const AGENT_SNAPSHOT_VERSION = 1

/** Everything an agent has learnt, as plain JSON-safe data. */
export interface AgentSnapshot {
  version: typeof AGENT_SNAPSHOT_VERSION
  /** Runs learnt from so far. */
  cycle: number
  weights: number[]
  randomState: number
  tests: Record<string, TestMemory>
}

// The untrained policy is RETECS's "Sorting" heuristic as a linear value: recent failures first,
// the most recent weighing most. With no history padded as failures, new tests start on top.
const PRIOR_WEIGHTS = [0, 1, 0.5, 0.25, 0.125]

// Used when neither the candidate nor the memory knows a duration and no test of the run does.
const FALLBACK_DURATION_MS = 1000

/**
 * The prioritisation agent: one-step (γ = 0) value learning over each test's state, as in RETECS.
 * Q(state) is linear in the state features; after each run the time-ranked reward of every
 * (failed, passed) pair moves Q so the failed test would have ranked first (a logistic update on
 * the Q difference). Ranking is read-only; only `learn` changes the agent. Given the same runs in
 * the same order and the same seed, two agents hold identical policies.
 */
export class PrioritisationAgent {
  readonly options: ResolvedPrioritiserOptions
  #cycle: number
  #weights: Float64Array
  #random: SeededRandom
  #tests: Map<string, TestMemory>

  constructor(options: PrioritiserOptions = {}, snapshot?: AgentSnapshot) {
    this.options = resolvePrioritiserOptions(options)
    const usable = snapshot?.version === AGENT_SNAPSHOT_VERSION && snapshot.weights.length === FEATURE_COUNT
    this.#cycle = usable ? snapshot.cycle : 0
    this.#weights = Float64Array.from({ length: FEATURE_COUNT }, (_, i) => (usable ? snapshot.weights[i] : PRIOR_WEIGHTS[i]) ?? 0)
    this.#random = new SeededRandom(usable ? snapshot.randomState : this.options.seed)
    this.#tests = new Map(usable ? Object.entries(snapshot.tests) : [])
  }

  /** Runs learnt from so far. */
  get cycle(): number {
    return this.#cycle
  }

  /** Every test the agent has seen, with its last known duration. */
  knownTests(): TestCandidate[] {
    return [...this.#tests].map(([id, memory]) => ({ id, durationMs: memory.durationMs }))
  }

  /** What the agent remembers of a test, or undefined for a test it has never seen. */
  memoryOf(id: string): Readonly<TestMemory> | undefined {
    return this.#tests.get(id)
  }

  /** Orders candidates for the next run, highest priority first, without changing the agent. */
  rank(candidates: readonly TestCandidate[]): RankedTest[] {
    const memories = candidates.map((c) => this.#tests.get(c.id))
    const durations = this.#durations(candidates, memories)
    const context = cycleContext(this.#cycle + 1, memories, durations)
    const features = new Float64Array(FEATURE_COUNT)
    const ranked = candidates.map((candidate, i): RankedTest => {
      const memory = memories[i]
      const duration = durations[i] as number
      return {
        id: candidate.id,
        priority: this.#value(memory, duration, context, features) - this.options.durationWeight * logDuration(duration),
        durationMs: candidate.durationMs ?? memory?.durationMs,
        lastFailed: memory?.verdicts[0] === 1,
        isNew: memory === undefined,
      }
    })
    return sortByPriority(ranked)
  }

  /**
   * Learns from one finished run: every test that ran, with its verdict. Failures of quarantined
   * tests earn no reward. The states are those the tests had before the run, as `rank` saw them.
   */
  learn(outcomes: readonly TestOutcome[], isQuarantined: QuarantinePredicate = noneQuarantined): void {
    const memories = outcomes.map((o) => this.#tests.get(o.id))
    const durations = this.#durations(outcomes, memories)
    const context = cycleContext(this.#cycle + 1, memories, durations)
    const states = outcomes.map((_, i) => {
      const state = new Float64Array(FEATURE_COUNT)
      stateFeatures(memories[i], durations[i] as number, context, state)
      return state
    })
    const failed = outcomes.map((o) => isRewardedFailure(o, isQuarantined))
    const { learningRate, maxPairsPerRun } = this.options
    visitRewardPairs(failed, maxPairsPerRun, this.#random, (f, p, pairCount) => {
      this.#update(states[f] as Float64Array, states[p] as Float64Array, learningRate / Math.sqrt(pairCount))
    })
    this.#cycle++
    const failShare = failed.filter(Boolean).length / Math.max(1, outcomes.length)
    outcomes.forEach((outcome, i) => {
      const memory = this.#tests.get(outcome.id)
      this.#tests.set(outcome.id, rememberVerdict(memory, failed[i] as boolean, this.#cycle, failShare, outcome.durationMs))
    })
  }

  /** The learnt policy and memories, to save and later pass to the constructor. */
  snapshot(): AgentSnapshot {
    return {
      version: AGENT_SNAPSHOT_VERSION,
      cycle: this.#cycle,
      weights: [...this.#weights],
      randomState: this.#random.state,
      tests: Object.fromEntries(this.#tests),
    }
  }

  #value(memory: TestMemory | undefined, durationMs: number, context: CycleContext, features: Float64Array): number {
    stateFeatures(memory, durationMs, context, features)
    return dot(this.#weights, features)
  }

  #update(failing: Float64Array, passing: Float64Array, step: number): void {
    const margin = dot(this.#weights, failing) - dot(this.#weights, passing)
    const gradient = step / (1 + Math.exp(margin))
    for (let j = 0; j < FEATURE_COUNT; j++) {
      this.#weights[j] = (this.#weights[j] as number) + gradient * ((failing[j] as number) - (passing[j] as number))
    }
  }

  #durations(tests: readonly { durationMs?: number }[], memories: readonly (TestMemory | undefined)[]): number[] {
    const known = tests.map((t, i) => t.durationMs ?? memories[i]?.durationMs)
    const sorted = known.filter((d): d is number => d !== undefined).sort((a, b) => a - b)
    const fallback = sorted.length > 0 ? (sorted[sorted.length >> 1] as number) : FALLBACK_DURATION_MS
    return known.map((d) => d ?? fallback)
  }
}

function dot(weights: Float64Array, features: Float64Array): number {
  let sum = 0
  for (let j = 0; j < FEATURE_COUNT; j++) sum += (weights[j] as number) * (features[j] as number)
  return sum
}
