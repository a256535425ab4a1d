import { InputError, NAME_SEPARATOR, readQuarantine, writeQuarantine } from '@aqe/core'
import { positiveInt } from '../options.js'
import { quarantineContext } from '../quarantine-context.js'

interface AddOptions {
  file?: string
  reason: string
  owner?: string
  days?: string
}

/** `aqe quarantine add <test-id>`: quarantines a test by hand, with a reason, an owner and an expiry. */
export async function runQuarantineAdd(id: string, options: AddOptions): Promise<void> {
  if (!id.includes(NAME_SEPARATOR))
    throw new InputError(`"${id}" is not a test id; expected "<file> > <full name>", as aqe flaky prints it.`)
  if (!options.reason?.trim()) throw new InputError('--reason is required: say why, or link the issue that tracks the fix.')
  const { file, options: q } = await quarantineContext(options.file)
  const days = options.days === undefined ? q.expiresAfterDays : options.days === '0' ? 0 : positiveInt(options.days, '--days')
  const entries = readQuarantine(file)
  if (entries.some((e) => e.id === id)) throw new InputError(`${id} is already quarantined in ${file}.`)
  const now = new Date()
  entries.push({
    id,
    reason: options.reason.trim(),
    ...(options.owner ? { owner: options.owner } : {}),
    created: now.toISOString(),
    ...(days > 0 ? { expires: new Date(now.getTime() + days * 86_400_000).toISOString() } : {}),
    source: 'manual',
  })
  writeQuarantine(file, entries)
  process.stdout.write(`Quarantined ${id} in ${file}. Commit the file so CI applies it.\n`)
}
