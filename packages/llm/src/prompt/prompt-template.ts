import { InputError } from '@aqe/core'

/** Counts tokens the way the target model will: pass the model's own tokenizer. */
export type TokenCounter = (text: string) => Promise<number>

/** How a template is fitted into a token budget. */
export interface RenderOptions {
  /** Tokens the prompt may use: the model's context minus the tokens reserved for the answer. */
  budgetTokens: number
  countTokens: TokenCounter
  /** Variables that may be shortened to fit, cut in this order (each from its end). @default [] */
  truncatable?: readonly string[]
  /** Appended to a shortened variable so the model knows text is missing. @default '\n[…truncated]' */
  marker?: string
}

/** A prompt that fits its budget. */
export interface RenderedPrompt {
  prompt: string
  tokens: number
  /** Variables that were shortened. */
  truncated: string[]
}

/**
 * Fills `{{name}}` placeholders and, when the result exceeds the budget, shortens the truncatable
 * variables (by binary search over their length, counting with the model's tokenizer) so the
 * prompt fits exactly and never overflows the context.
 */
export async function renderPrompt(
  template: string,
  vars: Readonly<Record<string, string>>,
  options: RenderOptions,
): Promise<RenderedPrompt> {
  const missing = [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).filter((name) => !(name in vars))
  if (missing.length > 0)
    throw new InputError(`The prompt template uses ${missing.map((n) => `{{${n}}}`).join(', ')} but no value was given.`)
  const marker = options.marker ?? '\n[…truncated]'
  const values: Record<string, string> = { ...vars }
  const truncated: string[] = []
  let prompt = fill(template, values)
  let tokens = await options.countTokens(prompt)
  for (const name of options.truncatable ?? []) {
    if (tokens <= options.budgetTokens) break
    const full = vars[name] ?? ''
    let low = 0
    let high = full.length
    // Longest prefix that fits: the invariant is that a prefix of `low` characters fits (0 is checked after).
    while (low < high) {
      const mid = Math.ceil((low + high) / 2)
      values[name] = full.slice(0, mid) + marker
      if ((await options.countTokens(fill(template, values))) <= options.budgetTokens) low = mid
      else high = mid - 1
    }
    values[name] = low > 0 ? full.slice(0, low) + marker : ''
    truncated.push(name)
    prompt = fill(template, values)
    tokens = await options.countTokens(prompt)
  }
  if (tokens > options.budgetTokens) {
    throw new InputError(
      `The prompt needs ${tokens} tokens but only ${options.budgetTokens} fit in the model's context. Shorten the fixed text or mark more variables truncatable.`,
    )
  }
  return { prompt, tokens, truncated }
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '')
}
