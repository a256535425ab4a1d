/** US dollars per million tokens. */
export interface Pricing {
  inputPerMTok: number
  outputPerMTok: number
}

// List prices by model family; an unknown model is priced as the most expensive so budgets stay safe.
const PRICES: readonly [prefix: string, pricing: Pricing][] = [
  ['claude-haiku', { inputPerMTok: 1, outputPerMTok: 5 }],
  ['claude-sonnet', { inputPerMTok: 3, outputPerMTok: 15 }],
  ['claude-opus', { inputPerMTok: 15, outputPerMTok: 75 }],
]
const UNKNOWN: Pricing = { inputPerMTok: 15, outputPerMTok: 75 }

/** The price of a cloud model. */
export function pricingOf(model: string): Pricing {
  return PRICES.find(([prefix]) => model.startsWith(prefix))?.[1] ?? UNKNOWN
}

/** Cost in dollars of a request with these token counts. */
export function costOf(model: string, inputTokens: number, outputTokens: number): number {
  const price = pricingOf(model)
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000
}

/** A rough input token count (about 4 characters a token) for budgeting before a request is sent. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}
