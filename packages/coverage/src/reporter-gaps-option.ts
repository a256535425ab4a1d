/** The reporters' `gaps` option: `true` prints the top 10 gaps after a coverage run; `{ top }` sets how many. */
export type GapsReporterOption = boolean | { top?: number }

const DEFAULT_REPORTER_TOP = 10

/**
 * How many gaps a reporter prints after a coverage run, or undefined for none (the default).
 * `AQE_GAPS` overrides the option: `1`/`true` for 10, a number for that many, `0`/`false` for none.
 */
export function reporterGapsTop(option: GapsReporterOption | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const fromEnv = env.AQE_GAPS?.trim().toLowerCase()
  if (fromEnv) {
    if (fromEnv === 'true') return DEFAULT_REPORTER_TOP
    const n = Number(fromEnv)
    if (Number.isInteger(n) && n >= 0) return n === 0 ? undefined : n === 1 ? DEFAULT_REPORTER_TOP : n
    return undefined
  }
  if (option === true) return DEFAULT_REPORTER_TOP
  if (typeof option === 'object' && option !== null) return option.top ?? DEFAULT_REPORTER_TOP
  return undefined
}
