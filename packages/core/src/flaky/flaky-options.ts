import { ConfigError } from '../errors.js'

/** Thresholds of the flaky detector; every field is optional and has a documented default. */
export interface FlakyOptions {
  /**
   * Branches whose runs count as cross-commit evidence (failure rate, flips, broken streaks).
   * Runs on other branches (pull requests) only give same-commit evidence, because a failure
   * there may be work in progress. Runs with no known branch count as default-branch runs.
   * @default ['main', 'master']
   */
  defaultBranches?: string[]
  /** Only runs started within this many days are evidence. @default 30 */
  windowDays?: number
  /**
   * A run in which at least this share of its tests failed an attempt is an infrastructure storm and is ignored.
   * Lower than Trunk's 80 %: a storm that hits "80 %" of tests often lands just under it, and every test it hits
   * would then show a pass on retry.
   * @default 0.5
   */
  stormFailureRatio?: number
  /** The storm guard only judges runs with at least this many tests. @default 10 */
  stormMinTests?: number
  /** Half-life of evidence in runs of the test: a run this many runs ago weighs half as much. @default 50 */
  halfLifeRuns?: number
  /** This many latest default-branch runs failing every attempt make a test broken. @default 3 */
  brokenAfterRuns?: number
  /** Default-branch runs a test needs before it stops being new (unless flaky evidence exists). @default 5 */
  minRuns?: number
  /** Commits on which the test both passed and failed (retries, re-runs, shards) that make it flaky. @default 1 */
  minSameCommitFlakes?: number
  /**
   * Cross-commit rule: separate short failure episodes (failing streaks shorter than
   * `brokenAfterRuns`, i.e. not a regression) needed to call a test flaky without same-commit evidence.
   * @default 2
   */
  minFailureEpisodes?: number
  /** Cross-commit rule: the lower credible bound of the failure probability must exceed this. @default 0.005 */
  minFailureProbability?: number
  /** Credible level of the failure-probability interval. @default 0.95 */
  credibleLevel?: number
}

/** Flaky options with every default filled in. */
export type ResolvedFlakyOptions = Required<FlakyOptions>

/** The defaults, as documented on {@link FlakyOptions}. */
export const defaultFlakyOptions: ResolvedFlakyOptions = {
  defaultBranches: ['main', 'master'],
  windowDays: 30,
  stormFailureRatio: 0.5,
  stormMinTests: 10,
  halfLifeRuns: 50,
  brokenAfterRuns: 3,
  minRuns: 5,
  minSameCommitFlakes: 1,
  minFailureEpisodes: 2,
  minFailureProbability: 0.005,
  credibleLevel: 0.95,
}

/** Merges options over the defaults and validates them once; messages name the option. */
export function resolveFlakyOptions(options: FlakyOptions = {}): ResolvedFlakyOptions {
  const o = { ...defaultFlakyOptions, ...stripUndefined(options) }
  const fail = (name: string, rule: string, value: unknown) => {
    throw new ConfigError(`flaky.${name} must be ${rule}, got ${JSON.stringify(value)}.`)
  }
  if (!Array.isArray(o.defaultBranches) || o.defaultBranches.some((b) => typeof b !== 'string' || b === ''))
    fail('defaultBranches', 'an array of branch names', o.defaultBranches)
  for (const name of ['windowDays', 'halfLifeRuns'] as const) if (!(o[name] > 0)) fail(name, 'a positive number', o[name])
  for (const name of ['brokenAfterRuns', 'minRuns', 'minSameCommitFlakes', 'minFailureEpisodes', 'stormMinTests'] as const)
    if (!Number.isInteger(o[name]) || o[name] < 1) fail(name, 'a positive integer', o[name])
  for (const name of ['stormFailureRatio', 'credibleLevel'] as const) if (!(o[name] > 0 && o[name] <= 1)) fail(name, 'in (0, 1]', o[name])
  if (!(o.minFailureProbability >= 0 && o.minFailureProbability < 1)) fail('minFailureProbability', 'in [0, 1)', o.minFailureProbability)
  return o
}

/** Drops undefined fields so that they do not hide defaults in a spread. */
export function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
