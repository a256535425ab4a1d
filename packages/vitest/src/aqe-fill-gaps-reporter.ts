import { type FillGapsRequest, loadConfig, resolveHistoryPath, warnOnStderr } from '@aqe/core'
import type { Reporter, Vitest } from 'vitest/node'

/**
 * Runs fill-gaps after a coverage run that asked for it (`-- --aqe-fill-gaps`, `--mode
 * aqe-fill-gaps`, `AQE_FILL_GAPS=1`, or `aqe-vitest --aqe-fill-gaps`), on the coverage map Vitest
 * hands over in process. Progress, the diff and the summary go to stderr; the run's exit code is
 * left alone, and any failure of aqe's own is one warning.
 */
export class AqeFillGapsReporter implements Reporter {
  private root = process.cwd()

  constructor(private readonly request: FillGapsRequest) {}

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root
  }

  async onCoverage(coverage: unknown): Promise<void> {
    if (!coverage) return
    try {
      const generator = await import('@aqe/generator').catch(() => {
        throw new Error('fill-gaps needs @aqe/generator: npm i -D @aqe/generator')
      })
      const { config } = await loadConfig(this.root)
      const model = await generator.openModelCompletion(config.llm, this.root, resolveHistoryPath(this.root, undefined, config))
      try {
        const summary = await generator.fillGaps({
          root: this.root,
          framework: 'vitest',
          coverageMap: coverage as object,
          write: this.request.write,
          complete: model?.complete,
          diffStream: process.stderr,
        })
        process.stderr.write(`${generator.formatSummary(summary)}\n`)
      } finally {
        await model?.close()
      }
    } catch (error) {
      warnOnStderr(`fill-gaps did not run: ${(error as Error).message}`)
    }
  }
}
