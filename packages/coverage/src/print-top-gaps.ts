import { existsSync } from 'node:fs'
import { loadConfig } from '@aqe/core/config'
import { isAqeError } from '@aqe/core/errors'
import { analyseGaps } from './analyse-gaps.js'
import { tableReport } from './table-report.js'

/** Options of {@link printTopGaps}. */
export interface PrintTopGapsOptions {
  /** Project root. */
  root: string
  /** The in-process coverage map, when the runner hands one over (Vitest). */
  coverageMap?: object
  /** A `coverage-final.json` to read when there is no map (Jest). */
  coverageFile?: string
  /** How many gaps to print. @default 10 */
  top?: number
  /** Where the table goes. @default stderr */
  write?: (text: string) => void
}

/**
 * For reporters after a coverage run: prints the top gaps as a table. Never throws; a problem
 * (no coverage file, a stale map) becomes one line saying so, so the test run is not affected.
 */
export async function printTopGaps(options: PrintTopGapsOptions): Promise<void> {
  const write = options.write ?? ((text: string) => process.stderr.write(text))
  try {
    if (!options.coverageMap && (!options.coverageFile || !existsSync(options.coverageFile))) {
      write(`[aqe] no coverage to report gaps from: ${options.coverageFile ?? 'no coverage map'} (add the "json" coverage reporter)\n`)
      return
    }
    const report = analyseGaps({
      root: options.root,
      coverageMap: options.coverageMap,
      coverageFiles: options.coverageFile ? [options.coverageFile] : undefined,
      critical: (await loadConfig(options.root)).config.gaps?.critical,
    })
    write(`\n[aqe] coverage gaps\n${tableReport(report, options.top ?? 10)}`)
  } catch (error) {
    write(`[aqe] could not report coverage gaps: ${isAqeError(error) ? error.message : String(error)}\n`)
  }
}
