import { appendFileSync } from 'node:fs'
import { detectFlaky, type FlakyVerdict, loadConfig, SqliteHistoryStore } from '@aqe/core'
import pc from 'picocolors'
import { type CommonOptions, historyPath } from '../context.js'
import { formatFlakyMarkdown } from '../format/flaky-markdown.js'
import { formatTable } from '../format/table.js'

interface FlakyCommandOptions extends CommonOptions {
  json?: boolean
  markdown?: boolean
  all?: boolean
}

/**
 * `aqe flaky`: the detector's verdict on every test. The table and Markdown list broken, flaky
 * and (with --all) every other test; --json prints one object per test. Also appends the Markdown
 * to the GitHub job summary when GITHUB_STEP_SUMMARY is set.
 */
export async function runFlaky(options: FlakyCommandOptions): Promise<void> {
  const { config } = await loadConfig(process.cwd())
  const store = SqliteHistoryStore.open(await historyPath(options), { readonly: true })
  let verdicts: FlakyVerdict[]
  try {
    verdicts = detectFlaky(store.db, config.flaky)
  } finally {
    store.close()
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(verdicts, null, 2)}\n`)
    return
  }
  const shown = options.all ? verdicts : verdicts.filter((v) => v.state === 'flaky' || v.state === 'broken')
  const markdown = formatFlakyMarkdown(shown)
  process.stdout.write(options.markdown ? markdown : renderTable(shown, verdicts.length))
  const summary = process.env.GITHUB_STEP_SUMMARY
  if (summary) appendFileSync(summary, `${markdown}\n`)
}

const STATE_COLOUR = { broken: pc.red, flaky: pc.yellow, new: pc.cyan, healthy: pc.green } as const

function renderTable(shown: readonly FlakyVerdict[], total: number): string {
  if (shown.length === 0) return `No flaky or broken tests among ${total} tests.\n`
  const rows = shown.map((v) => [
    STATE_COLOUR[v.state](v.state),
    `${(v.score * 100).toFixed(1)}%`,
    `${(v.evidence.failureProbability.low * 100).toFixed(1)}–${(v.evidence.failureProbability.high * 100).toFixed(1)}%`,
    String(v.evidence.sameCommitFlakes),
    String(v.evidence.runs),
    v.id,
    (v.evidence.lastFailureMessage ?? '').split('\n')[0]?.slice(0, 60) ?? '',
  ])
  return `${formatTable(['state', 'p(fail)', '95% interval', 'same-commit', 'runs', 'test', 'last failure'], rows, new Set([1, 3, 4]))}\n`
}
