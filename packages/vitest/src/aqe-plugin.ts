import type { Plugin } from 'vitest/config'
import type { Vitest, VitestPluginContext } from 'vitest/node'
import { AqeVitestReporter, type AqeVitestReporterOptions } from './aqe-vitest-reporter.js'

/** Options of the aqe Vitest plugin. */
export type AqePluginOptions = AqeVitestReporterOptions

// configureVitest runs once per project; the reporter belongs to the whole Vitest instance.
const installed = new WeakSet<Vitest>()

/**
 * The one-line Vitest integration: `plugins: [aqe()]`. It adds the aqe reporter next to the
 * reporters that the config or the command line chose (`--reporter` included), so the output
 * stays as the user set it.
 */
export function aqe(options: AqePluginOptions = {}): Plugin {
  return {
    name: 'aqe',
    configureVitest({ vitest }: VitestPluginContext) {
      if (installed.has(vitest)) return
      installed.add(vitest)
      const reporters = vitest.config.reporters as unknown[]
      if (reporters.some(isAqeReporter)) return
      // Vitest resolves an empty list to its default reporter; keep that when adding ours.
      if (reporters.length === 0) reporters.push(['default', {}])
      reporters.push(new AqeVitestReporter(options))
    },
  }
}

function isAqeReporter(reporter: unknown): boolean {
  const name = Array.isArray(reporter) ? reporter[0] : reporter
  return name instanceof AqeVitestReporter || (typeof name === 'string' && name.startsWith('@aqe/vitest'))
}
