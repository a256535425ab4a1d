import { InputError } from '@aqe/core'
import { positiveInt } from '../options.js'
import { openPatternStore, type PatternsOptions } from './patterns-context.js'

interface FeedbackOptions extends PatternsOptions {
  accepted?: boolean
  rejected?: boolean
}

/** `aqe patterns feedback <id> --accepted|--rejected`: counts a generated test's fate against the pattern it was modelled on. */
export async function runPatternsFeedback(idText: string, options: FeedbackOptions): Promise<void> {
  const id = positiveInt(idText, 'pattern id')
  if (Boolean(options.accepted) === Boolean(options.rejected)) {
    throw new InputError('Say what happened to the generated test: pass exactly one of --accepted or --rejected.')
  }
  const store = await openPatternStore(options, true)
  try {
    if (!store.recordFeedback(id, Boolean(options.accepted))) {
      throw new InputError(`No pattern with id ${id} in ${store.db.name}. Find ids with aqe patterns search --json.`)
    }
    const p = store.get(id)
    process.stdout.write(`Pattern #${id} (${p?.name}): ${p?.acceptedCount} accepted, ${p?.rejectedCount} rejected.\n`)
  } finally {
    store.close()
  }
}
