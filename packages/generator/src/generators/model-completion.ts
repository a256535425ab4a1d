import type { LlmConfig } from '@aqe/core'
import type { CompleteFn } from './model-generator.js'

/** A model layer opened for a fill-gaps run: the completion function and how to close it. */
export interface ModelCompletion {
  complete: CompleteFn
  /** Provider names in the order the router tries them, e.g. `local`, `anthropic`. */
  providers: string[]
  close(): Promise<void>
}

/** Answer length for one test file; small models stop earlier on their own. */
const MAX_TOKENS = 512

/**
 * Opens the model layer the config describes (@aqe/llm, loaded only now), or returns undefined
 * when no provider is configured: no `llm.model`, no `llm.openaiBaseUrl`, no ANTHROPIC_API_KEY.
 * The router applies the privacy mode, so a strict mode never reaches the cloud.
 */
export async function openModelCompletion(
  llm: LlmConfig | undefined,
  root: string,
  historyDb?: string,
): Promise<ModelCompletion | undefined> {
  if (!llm?.model && !llm?.openaiBaseUrl && !process.env.ANTHROPIC_API_KEY) return undefined
  let module: typeof import('@aqe/llm')
  try {
    module = await import('@aqe/llm')
  } catch {
    throw new Error('The model generator needs @aqe/llm. Install it (npm i -D @aqe/llm) or use the explorer generator only.')
  }
  const layer = await module.openModelLayer({ ...llm, root, historyDb })
  return {
    providers: layer.providers.map((p) => p.name),
    complete: async (prompt) => {
      const result = await layer.router.complete({ prompt, maxTokens: MAX_TOKENS, temperature: 0 })
      return { text: result.text, model: `${result.provider}/${result.model}` }
    },
    close: () => layer.close(),
  }
}
