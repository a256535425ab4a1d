import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import { formatJsonlLine, formatJunit, iterateExecutions, SqliteHistoryStore } from '@aqe/core'
import { type CommonOptions, historyPath } from '../context.js'
import { oneOf } from '../options.js'

interface ExportOptions extends CommonOptions {
  format: string
  out?: string
  run?: string
}

/** `aqe history export`: the store as JSON Lines or JUnit XML, streamed. */
export async function runHistoryExport(options: ExportOptions): Promise<void> {
  const format = oneOf(options.format, ['jsonl', 'junit'], '--format')
  const store = SqliteHistoryStore.open(await historyPath(options), { readonly: true })
  const out: Writable = options.out ? createWriteStream(options.out) : process.stdout
  try {
    const rows = iterateExecutions(store.db, options.run)
    const chunks =
      format === 'junit'
        ? formatJunit(rows)
        : (function* () {
            for (const row of rows) yield `${formatJsonlLine(row)}\n`
          })()
    for (const chunk of chunks) {
      if (!out.write(chunk)) await once(out, 'drain')
    }
  } finally {
    store.close()
    if (out !== process.stdout) {
      out.end()
      await once(out, 'finish')
    }
  }
}
