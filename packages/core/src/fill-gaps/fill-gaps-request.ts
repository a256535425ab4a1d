/** The literal flag: after `--` for `vitest`/`jest`, or as is for `aqe-vitest`/`aqe-jest`; `=write` writes the tests. */
export const FILL_GAPS_FLAG = '--aqe-fill-gaps'
/** The Vite mode that asks for fill-gaps (`vitest run --mode aqe-fill-gaps`); `aqe-fill-gaps-write` writes the tests. */
export const FILL_GAPS_MODE = 'aqe-fill-gaps'
/** The environment variable that asks for fill-gaps: `AQE_FILL_GAPS=1`, or `write` to write the tests. */
export const FILL_GAPS_ENV = 'AQE_FILL_GAPS'

/** Where a fill-gaps request can come from; each defaults to the current process. */
export interface FillGapsRequestSources {
  argv?: readonly string[]
  env?: NodeJS.ProcessEnv
  /** The Vite mode (`--mode`), when the runner has one. */
  mode?: string
}

/** A run's request to fill gaps; a dry run (the default) prints the tests it would write. */
export interface FillGapsRequest {
  write: boolean
}

/**
 * Whether this test run asked aqe to fill coverage gaps, and whether to write the tests. Runners
 * reject unknown flags before any plugin loads, so the request arrives as `-- --aqe-fill-gaps`,
 * `--mode aqe-fill-gaps` or `AQE_FILL_GAPS=1` (the `aqe-vitest` and `aqe-jest` bins turn the literal
 * flag into the variable). The variable wins over the others, so `AQE_FILL_GAPS=0` turns it off.
 */
export function fillGapsRequest(sources: FillGapsRequestSources = {}): FillGapsRequest | undefined {
  const env = sources.env ?? process.env
  const value = env[FILL_GAPS_ENV]?.trim().toLowerCase()
  if (value) return ['0', 'false', 'off', 'no'].includes(value) ? undefined : { write: value === 'write' }
  if (sources.mode === FILL_GAPS_MODE) return { write: false }
  if (sources.mode === `${FILL_GAPS_MODE}-write`) return { write: true }
  const argv = sources.argv ?? process.argv
  if (argv.includes(`${FILL_GAPS_FLAG}=write`)) return { write: true }
  return argv.includes(FILL_GAPS_FLAG) ? { write: false } : undefined
}
