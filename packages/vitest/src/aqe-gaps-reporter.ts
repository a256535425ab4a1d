import { type GapsReporterOption, printTopGaps, reporterGapsTop } from '@aqe/coverage'
import type { Reporter, Vitest } from 'vitest/node'

/**
 * Prints the top coverage gaps after a coverage run, from the map Vitest hands over in process,
 * so a failing run (which writes no coverage files by default) still gets its gaps. Off unless
 * the plugin's `gaps` option or `AQE_GAPS` turns it on.
 */
export class AqeGapsReporter implements Reporter {
  private readonly top: number | undefined
  private root = process.cwd()

  constructor(option?: GapsReporterOption) {
    this.top = reporterGapsTop(option)
  }

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root
  }

  async onCoverage(coverage: unknown): Promise<void> {
    if (this.top === undefined || !coverage) return
    await printTopGaps({ root: this.root, coverageMap: coverage as object, top: this.top })
  }
}
