import { isExpired, readQuarantine } from '@aqe/core'
import pc from 'picocolors'
import { formatTable } from '../format/table.js'
import { quarantineContext } from '../quarantine-context.js'

interface ListOptions {
  file?: string
  json?: boolean
}

/** `aqe quarantine list`: the quarantined tests; expired entries are marked, and make the command exit 1. */
export async function runQuarantineList(options: ListOptions): Promise<void> {
  const { file } = await quarantineContext(options.file)
  const entries = readQuarantine(file)
  const now = new Date()
  const expired = entries.filter((e) => isExpired(e, now))
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        entries.map((e) => ({ ...e, expired: isExpired(e, now) })),
        null,
        2,
      )}\n`,
    )
  } else if (entries.length === 0) {
    process.stdout.write(`No quarantined tests in ${file}.\n`)
  } else {
    const rows = entries.map((e) => [
      isExpired(e, now) ? pc.red('expired') : 'active',
      e.id,
      e.owner ?? '-',
      e.expires?.slice(0, 10) ?? '-',
      e.source,
      e.reason,
    ])
    process.stdout.write(`${formatTable(['status', 'test', 'owner', 'expires', 'source', 'reason'], rows)}\n`)
  }
  if (expired.length > 0) {
    process.stderr.write(
      `aqe: ${expired.length} quarantine entr${expired.length === 1 ? 'y has' : 'ies have'} expired: ${expired.map((e) => `${e.id}${e.owner ? ` (${e.owner})` : ''}`).join(', ')}\n`,
    )
    process.exitCode = 1
  }
}
