import { InputError, readQuarantine, writeQuarantine } from '@aqe/core'
import { quarantineContext } from '../quarantine-context.js'

/** `aqe quarantine remove <test-id>`: releases a test; its failures fail the run again. */
export async function runQuarantineRemove(id: string, options: { file?: string }): Promise<void> {
  const { file } = await quarantineContext(options.file)
  const entries = readQuarantine(file)
  const kept = entries.filter((e) => e.id !== id)
  if (kept.length === entries.length) throw new InputError(`${id} is not quarantined in ${file}; see aqe quarantine list.`)
  writeQuarantine(file, kept)
  process.stdout.write(`Released ${id} from ${file}.\n`)
}
