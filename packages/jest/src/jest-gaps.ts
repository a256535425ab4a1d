import { type GapsReporterOption, printTopGaps, reporterGapsTop } from '@aqe/coverage'
import type { AggregatedResult } from '@jest/reporters'
import type { Config } from '@jest/types'

/**
 * After a coverage run, prints the top gaps from Jest's own coverage map. Jest adds its coverage
 * reporter after the custom ones and hands the map over only by setting `results.coverageMap`
 * at the end of that reporter's `onRunComplete`, so the map is caught as it is set.
 */
export function printJestGapsWhenReady(
  globalConfig: Config.GlobalConfig,
  option: GapsReporterOption | undefined,
  results: AggregatedResult,
): void {
  const top = reporterGapsTop(option)
  if (top === undefined || !globalConfig.collectCoverage) return
  let map = results.coverageMap
  Object.defineProperty(results, 'coverageMap', {
    configurable: true,
    enumerable: true,
    get: () => map,
    set: (value: AggregatedResult['coverageMap']) => {
      map = value
      if (value) void printTopGaps({ root: globalConfig.rootDir, coverageMap: value, top })
    },
  })
}
