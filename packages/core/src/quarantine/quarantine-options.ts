import { ConfigError } from '../errors.js'
import { stripUndefined } from '../flaky/flaky-options.js'

/** How quarantine works in a project; every field is optional and has a documented default. */
export interface QuarantineOptions {
  /** The quarantine file, relative to the project root; commit it. `AQE_QUARANTINE_FILE` overrides it. @default '.aqe/quarantine.json' */
  file?: string
  /** Let `aqe quarantine sync` add flaky tests and release recovered ones by itself. @default false */
  auto?: boolean
  /** Auto policy: quarantine a flaky (never a broken) test whose failure probability is at least this. @default 0.05 */
  activateAbove?: number
  /**
   * Auto policy: release once enough clean runs show the failure probability is below this at
   * `releaseConfidence` (rule of three: 59 clean runs for 5 % at 95 %). Together with
   * `activateAbove` this is the hysteresis.
   * @default 0.05
   */
  releaseBelow?: number
  /** Confidence that the failure probability dropped below `releaseBelow` before release. @default 0.95 */
  releaseConfidence?: number
  /** Days until a new entry expires and is reported to its owner; 0 for no expiry. @default 30 */
  expiresAfterDays?: number
  /** Owner written on auto entries. @default undefined */
  owner?: string
}

/** Quarantine options with defaults filled in (`owner` stays optional). */
export type ResolvedQuarantineOptions = Required<Omit<QuarantineOptions, 'owner'>> & Pick<QuarantineOptions, 'owner'>

/** The defaults, as documented on {@link QuarantineOptions}. */
export const defaultQuarantineOptions: ResolvedQuarantineOptions = {
  file: '.aqe/quarantine.json',
  auto: false,
  activateAbove: 0.05,
  releaseBelow: 0.05,
  releaseConfidence: 0.95,
  expiresAfterDays: 30,
}

/** Merges options over the defaults and validates them once; messages name the option. */
export function resolveQuarantineOptions(options: QuarantineOptions = {}): ResolvedQuarantineOptions {
  const o = { ...defaultQuarantineOptions, ...stripUndefined(options) }
  const fail = (name: string, rule: string, value: unknown) => {
    throw new ConfigError(`quarantine.${name} must be ${rule}, got ${JSON.stringify(value)}.`)
  }
  for (const name of ['activateAbove', 'releaseBelow', 'releaseConfidence'] as const)
    if (!(o[name] > 0 && o[name] < 1)) fail(name, 'in (0, 1)', o[name])
  if (!(o.expiresAfterDays >= 0)) fail('expiresAfterDays', 'a number of days, 0 or more', o.expiresAfterDays)
  if (o.releaseBelow > o.activateAbove) fail('releaseBelow', `at most activateAbove (${o.activateAbove})`, o.releaseBelow)
  return o
}

/** Clean runs needed to show a failure probability below `below` with `confidence`: n = ln(1 − confidence) / ln(1 − below). */
export function cleanRunsToRelease(below: number, confidence: number): number {
  return Math.ceil(Math.log(1 - confidence) / Math.log(1 - below))
}
