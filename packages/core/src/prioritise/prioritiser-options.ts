import { ConfigError } from '../errors.js'

/** Settings of the prioritisation agent. Every field is optional. */
export interface PrioritiserOptions {
  /** Seed of the agent's random choices (which test pairs it learns from when a run has many). @default 1 */
  seed?: number
  /** Step size of each policy update; small, so a few runs nudge the RETECS-like starting policy rather than replace it. @default 0.002 */
  learningRate?: number
  /** Most (failed, passed) pairs learnt from per run; runs with fewer pairs use them all, without randomness. @default 2000 */
  maxPairsPerRun?: number
  /**
   * How strongly a longer expected duration lowers the priority: the priority is the learnt value
   * minus `durationWeight × ln(duration in ms)`, so at equal value the cheaper test runs first.
   * @default 0.3
   */
  durationWeight?: number
}

/** Options with every default filled in. */
export type ResolvedPrioritiserOptions = Required<PrioritiserOptions>

/** The defaults of every prioritiser option. */
export const defaultPrioritiserOptions: ResolvedPrioritiserOptions = Object.freeze({
  seed: 1,
  learningRate: 0.002,
  maxPairsPerRun: 2000,
  durationWeight: 0.3,
})

/** Fills in defaults and checks every value once, naming the option that is wrong. */
export function resolvePrioritiserOptions(options: PrioritiserOptions = {}): ResolvedPrioritiserOptions {
  const resolved = { ...defaultPrioritiserOptions, ...stripUndefined(options) }
  if (!Number.isInteger(resolved.seed)) throw new ConfigError(`options.seed must be an integer, got ${resolved.seed}.`)
  if (!(resolved.learningRate > 0 && resolved.learningRate <= 1)) {
    throw new ConfigError(`options.learningRate must be a number in (0, 1], got ${resolved.learningRate}.`)
  }
  if (!(Number.isInteger(resolved.maxPairsPerRun) && resolved.maxPairsPerRun > 0)) {
    throw new ConfigError(`options.maxPairsPerRun must be a positive integer, got ${resolved.maxPairsPerRun}.`)
  }
  if (!(resolved.durationWeight >= 0 && Number.isFinite(resolved.durationWeight))) {
    throw new ConfigError(`options.durationWeight must be a finite number >= 0, got ${resolved.durationWeight}.`)
  }
  return resolved
}

function stripUndefined(options: PrioritiserOptions): PrioritiserOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
}
