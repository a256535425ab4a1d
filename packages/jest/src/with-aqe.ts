import { fillGapsRequest } from '@aqe/core'
import type { AqeJestReporterOptions } from './aqe-jest-reporter.js'

/** Options of `withAqe`: the reporter's options, plus whether to prioritise. */
export type WithAqeOptions = AqeJestReporterOptions & {
  /**
   * Run test files in the order of aqe's prioritisation agent (sets `testSequencer`).
   * @default false
   */
  prioritise?: boolean
}

type JestReporterEntry = string | [string, Record<string, unknown>]

/** The parts of a Jest config that `withAqe` touches. */
export interface JestConfigWithReporters {
  reporters?: JestReporterEntry[]
  testSequencer?: string
  collectCoverage?: boolean
  openHandlesTimeout?: number
}

/**
 * The one-line Jest integration: `export default withAqe({ ...your config }, { prioritise: true })`.
 * It adds the aqe reporter after the reporters you chose (`default` when none), and with
 * `prioritise` sets aqe's sequencer, which then reads the store the reporter writes.
 */
export function withAqe<T extends JestConfigWithReporters>(config: T, options: WithAqeOptions = {}): T {
  const { prioritise = false, ...reporterOptions } = options
  const reporters = config.reporters ?? ['default']
  const hasAqe = reporters.some((r) => (Array.isArray(r) ? r[0] : r) === '@aqe/jest')
  return {
    ...config,
    reporters: hasAqe ? reporters : [...reporters, ['@aqe/jest', reporterOptions]],
    ...(prioritise ? { testSequencer: '@aqe/jest/sequencer' } : {}),
    // fill-gaps works from the run's coverage, so a fill-gaps run (`jest -- --aqe-fill-gaps`, AQE_FILL_GAPS=1) collects it.
    // Jest would warn that it "did not exit one second after the test run" while the candidates run.
    ...(fillGapsRequest() ? { collectCoverage: true, openHandlesTimeout: 0 } : {}),
  }
}
