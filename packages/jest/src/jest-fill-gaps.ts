import { fillGapsRequest, loadConfig, resolveHistoryPath, warnOnStderr } from '@aqe/core'
import type { AggregatedResult } from '@jest/reporters'
import type { Config } from '@jest/types'
import { whenJestCoverageReady } from './jest-gaps.js'

/**
 * Runs fill-gaps after a Jest coverage run that asked for it (`jest -- --aqe-fill-gaps`,
 * `AQE_FILL_GAPS=1`, or `aqe-jest --aqe-fill-gaps`). Jest keeps running until the candidate
 * runs finish; progress, the diff and the summary go to stderr, and the exit code is Jest's.
 */
export function fillGapsWhenReady(globalConfig: Config.GlobalConfig, results: AggregatedResult): void {
  const request = fillGapsRequest()
  if (!request) return
  if (!globalConfig.collectCoverage) {
    warnOnStderr('fill-gaps needs a coverage run: add --coverage, use aqe-jest --aqe-fill-gaps, or wrap the config in withAqe.')
    return
  }
  const root = globalConfig.rootDir
  whenJestCoverageReady(results, (map) => {
    void (async () => {
      const generator = await import('@aqe/generator').catch(() => {
        throw new Error('fill-gaps needs @aqe/generator: npm i -D @aqe/generator')
      })
      const { config } = await loadConfig(root)
      const model = await generator.openModelCompletion(config.llm, root, resolveHistoryPath(root, undefined, config))
      try {
        const summary = await generator.fillGaps({
          root,
          framework: 'jest',
          coverageMap: map,
          write: request.write,
          complete: model?.complete,
          diffStream: process.stderr,
        })
        process.stderr.write(`${generator.formatSummary(summary)}\n`)
      } finally {
        await model?.close()
      }
    })().catch((error: Error) => warnOnStderr(`fill-gaps did not run: ${error.message}`))
  })
}
