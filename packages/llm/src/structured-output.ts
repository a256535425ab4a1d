import { ProviderError } from './errors.js'
import type { JsonSchema } from './types.js'

/** Parses a structured answer; output that is not JSON is a provider failure the router can fall back on. */
export function parseStructured(provider: string, text: string): unknown {
  try {
    return JSON.parse(extractJson(text))
  } catch (error) {
    throw new ProviderError(provider, 'unparseable', `${provider} returned output that is not valid JSON: ${text.slice(0, 120)}`, {
      cause: error,
    })
  }
}

/** Cloud models sometimes wrap JSON in a Markdown fence; take what is inside. */
function extractJson(text: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)
  return (fenced ? fenced[1] : text).trim()
}

/** The instruction that asks a model without grammar support to follow a schema. */
export function schemaInstruction(schema: JsonSchema): string {
  return `Answer with JSON only, no prose, that follows this JSON schema:\n${JSON.stringify(schema)}`
}
