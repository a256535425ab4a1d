import { type HistorySummary, SqliteHistoryStore, summarizeHistory } from '@aqe/core'
import pc from 'picocolors'
import { type CommonOptions, historyPath } from '../context.js'
import { formatMs, formatTable } from '../format/table.js'
import { positiveInt } from '../options.js'

interface ShowOptions extends CommonOptions {
  json?: boolean
  top: string
}

/** `aqe history`: what the store holds, in tables or as JSON. */
export async function runHistoryShow(options: ShowOptions): Promise<void> {
  const top = positiveInt(options.top, '--top')
  const store = SqliteHistoryStore.open(await historyPath(options), { readonly: true })
  try {
    const summary = summarizeHistory(store.db, top)
    process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : renderSummary(summary, store.path))
  } finally {
    store.close()
  }
}

function renderSummary(s: HistorySummary, path: string): string {
  const { passed, failed, skipped, todo } = s.byStatus
  const out = [
    `${pc.bold('aqe history')} ${pc.dim(path)}`,
    `${s.runs} runs, ${s.tests} tests, ${s.executions} executions: ${pc.green(`${passed} passed`)}, ${pc.red(`${failed} failed`)}, ${skipped} skipped, ${todo} todo`,
  ]
  if (s.runs === 0)
    return `${out.join('\n')}\nNo runs recorded yet: add the aqe reporter to your Jest or Vitest config and run your tests.\n`
  out.push(`from ${s.firstRunAt} to ${s.lastRunAt}`, '', pc.bold('Recent runs'))
  out.push(
    formatTable(
      ['started', 'runner', 'outcome', 'executions', 'commit', 'branch', 'shard'],
      s.recentRuns.map((r) => [
        r.startedAt,
        r.runner,
        r.outcome === 'passed' ? pc.green(r.outcome) : r.outcome === 'failed' ? pc.red(r.outcome) : r.outcome,
        String(r.executions),
        r.commit?.slice(0, 10) ?? '-',
        r.branch ?? '-',
        r.shard ?? '-',
      ]),
      new Set([3]),
    ),
  )
  if (s.mostFailing.length > 0) {
    out.push('', pc.bold('Most failing tests'))
    out.push(
      formatTable(
        ['failed runs', 'failed attempts', 'runs', 'test'],
        s.mostFailing.map((t) => [String(t.failedRuns), String(t.failedAttempts), String(t.runs), t.testId]),
        new Set([0, 1, 2]),
      ),
    )
  }
  if (s.slowest.length > 0) {
    out.push('', pc.bold('Slowest tests (mean per attempt)'))
    out.push(
      formatTable(
        ['mean', 'runs', 'test'],
        s.slowest.map((t) => [formatMs(t.meanDurationMs), String(t.runs), t.testId]),
        new Set([0, 1]),
      ),
    )
  }
  return `${out.join('\n')}\n`
}
