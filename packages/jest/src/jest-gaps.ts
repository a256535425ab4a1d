import { type GapsReporterOption, printTopGaps, reporterGapsTop } from '@aqe/coverage'
import type { AggregatedResult } from '@jest/reporters'
import type { Config } from '@jest/types'

type CoverageMap = NonNullable<AggregatedResult['coverageMap']>

/**
 * Calls `ready` with Jest's own coverage map once there is one. Jest adds its coverage reporter
 * after the custom ones and hands the map over only by setting `results.coverageMap` at the end
 * of that reporter's `onRunComplete`, so the map is caught as it is set.
 */
export function whenJestCoverageReady(results: AggregatedResult, ready: (map: CoverageMap) => void): void {
  let map = results.coverageMap
  Object.defineProperty(results, 'coverageMap', {
    configurable: true,
    enumerable: true,
    get: () => map,
    set: (value: AggregatedResult['coverageMap']) => {
      map = value
      if (value) ready(value)
    },
  })
}

/** After a coverage run, prints the top gaps from Jest's own coverage map. */
export function printJestGapsWhenReady(
  globalConfig: Config.GlobalConfig,
  option: GapsReporterOption | undefined,
  results: AggregatedResult,
): void {
  const top = reporterGapsTop(option)
  if (top === undefined || !globalConfig.collectCoverage) return
  whenJestCoverageReady(results, (map) => void printTopGaps({ root: globalConfig.rootDir, coverageMap: map, top }))
}
