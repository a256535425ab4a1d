import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RecorderOptions } from '@aqe/core'
import type { Config } from '@jest/types'

// Jest lists reporters by their resolved path; aqe's reporter lives in the same folder as this file.
const packageDist = dirname(fileURLToPath(import.meta.url))

/**
 * The options given to the aqe reporter in a Jest config (`['@aqe/jest', { db }]`), so the
 * sequencer, which Jest passes no options, reads the very store the reporter writes.
 */
export function aqeReporterOptions(globalConfig: Config.GlobalConfig): RecorderOptions {
  for (const reporter of globalConfig.reporters ?? []) {
    if (!Array.isArray(reporter)) continue
    const [path, options] = reporter
    if (path.startsWith(packageDist) || path.startsWith('@aqe/jest')) return options as RecorderOptions
  }
  return {}
}
