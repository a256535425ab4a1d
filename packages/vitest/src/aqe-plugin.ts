import { type FillGapsRequest, fillGapsRequest } from '@aqe/core'
import type { GapsReporterOption } from '@aqe/coverage'
import type { Plugin } from 'vitest/config'
import type { Vitest, VitestPluginContext } from 'vitest/node'
import { AqeFillGapsReporter } from './aqe-fill-gaps-reporter.js'
import { AqeGapsReporter } from './aqe-gaps-reporter.js'
import { AqeQuarantineReporter } from './aqe-quarantine-reporter.js'
import { AqeVitestReporter, type AqeVitestReporterOptions } from './aqe-vitest-reporter.js'
import { aqeSequencer } from './aqe-vitest-sequencer.js'
import { suspendBailForQuarantine } from './quarantine-bail.js'

/** Options of the aqe Vitest plugin. */
export type AqePluginOptions = AqeVitestReporterOptions & {
  /**
   * Run test files in the order of aqe's prioritisation agent, learnt from the history store:
   * files likely to fail first (installs aqe's `sequence.sequencer`).
   * @default false
   */
  prioritise?: boolean
  /**
   * After a coverage run, print the top coverage gaps on stderr: `true` for 10, `{ top: n }` for n.
   * `AQE_GAPS` overrides it (`1`, a count, or `0`).
   * @default false
   */
  gaps?: GapsReporterOption
}

// configureVitest runs once per project; the reporter belongs to the whole Vitest instance.
const installed = new WeakSet<Vitest>()

/**
 * The one-line Vitest integration: `plugins: [aqe()]`. It adds the aqe reporter next to the
 * reporters that the config or the command line chose (`--reporter` included), so the output
 * stays as the user set it, and applies the quarantine (`.aqe/quarantine.json`) to the exit code.
 */
export function aqe(options: AqePluginOptions = {}): Plugin {
  let fillGaps: FillGapsRequest | undefined
  return {
    name: 'aqe',
    config: (_config, env) => {
      fillGaps = fillGapsRequest({ mode: env.mode })
      const test = {
        ...(options.prioritise ? { sequence: { sequencer: aqeSequencer({ db: options.db }) } } : {}),
        // fill-gaps works from the run's coverage, so a fill-gaps run collects it.
        ...(fillGaps ? { coverage: { enabled: true } } : {}),
      }
      return Object.keys(test).length > 0 ? { test } : undefined
    },
    async configureVitest({ vitest, project }: VitestPluginContext) {
      if (!options.disabled && process.env.AQE_DISABLE !== '1') await suspendBailForQuarantine(vitest, project)
      if (installed.has(vitest)) return
      installed.add(vitest)
      const reporters = vitest.config.reporters as unknown[]
      if (!reporters.some(isAqeReporter)) {
        // Vitest resolves an empty list to its default reporter; keep that when adding ours.
        if (reporters.length === 0) reporters.push(['default', {}])
        reporters.push(new AqeVitestReporter(options))
      }
      reporters.push(new AqeQuarantineReporter(options))
      reporters.push(new AqeGapsReporter(options.gaps))
      if (fillGaps) reporters.push(new AqeFillGapsReporter(fillGaps))
    },
  }
}

function isAqeReporter(reporter: unknown): boolean {
  const name = Array.isArray(reporter) ? reporter[0] : reporter
  return name instanceof AqeVitestReporter || (typeof name === 'string' && name.startsWith('@aqe/vitest'))
}
