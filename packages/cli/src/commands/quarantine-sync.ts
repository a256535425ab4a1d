import { detectFlaky, planQuarantine, readQuarantine, SqliteHistoryStore, writeQuarantine } from '@aqe/core'
import { type CommonOptions, historyPath } from '../context.js'
import { quarantineContext } from '../quarantine-context.js'

interface SyncOptions extends CommonOptions {
  file?: string
  dryRun?: boolean
}

/**
 * `aqe quarantine sync`: applies the auto policy to the quarantine file: adds flaky tests above
 * the threshold and releases auto entries that ran clean long enough. Needs `quarantine.auto`.
 */
export async function runQuarantineSync(options: SyncOptions): Promise<void> {
  const { config, options: q, file } = await quarantineContext(options.file)
  const store = SqliteHistoryStore.open(await historyPath(options), { readonly: true })
  try {
    const entries = readQuarantine(file)
    const plan = planQuarantine(detectFlaky(store.db, config.flaky), entries, q)
    const lines = [
      ...plan.add.map((e) => `+ ${e.id}: ${e.reason}`),
      ...plan.release.map((e) => `- ${e.id}: ${plan.cleanRunsNeeded} clean runs in a row`),
      ...plan.readyForRelease.map((e) => `  ${e.id}: ready for release (manual entry; aqe quarantine remove to release)`),
      ...plan.expired.map((e) => `! ${e.id}: expired ${e.expires}${e.owner ? `, owner ${e.owner}` : ''}`),
    ]
    process.stdout.write(lines.length === 0 ? 'The quarantine is up to date.\n' : `${lines.join('\n')}\n`)
    if (!q.auto && !options.dryRun && (plan.add.length > 0 || plan.release.length > 0)) {
      process.stderr.write('aqe: quarantine.auto is off in the config, so nothing was written (this was a dry run).\n')
      return
    }
    if (options.dryRun || (plan.add.length === 0 && plan.release.length === 0)) return
    const released = new Set(plan.release.map((e) => e.id))
    writeQuarantine(file, [...entries.filter((e) => !released.has(e.id)), ...plan.add])
    process.stdout.write(`Updated ${file}; review and commit it.\n`)
  } finally {
    store.close()
  }
}
