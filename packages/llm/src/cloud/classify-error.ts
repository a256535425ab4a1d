import Anthropic from '@anthropic-ai/sdk'
import { type FailureReason, ProviderError } from '../errors.js'

/** Maps an Anthropic SDK error to a provider failure the router understands. */
export function fromAnthropicError(provider: string, error: unknown): ProviderError {
  const reason = reasonOf(error)
  const detail = error instanceof Error ? error.message : String(error)
  return new ProviderError(provider, reason, `${provider}: ${describe(reason)} (${detail})`, { cause: error })
}

function reasonOf(error: unknown): FailureReason {
  if (error instanceof Anthropic.APIUserAbortError) return 'cancelled'
  if (error instanceof Anthropic.APIConnectionTimeoutError) return 'timeout'
  if (error instanceof Anthropic.APIConnectionError) return 'connection-refused'
  if (error instanceof Anthropic.RateLimitError) return 'rate-limited'
  if (error instanceof Anthropic.APIError && error.status === 529) return 'overloaded'
  return 'provider-error'
}

/** A human summary of a failure reason. */
export function describe(reason: FailureReason): string {
  switch (reason) {
    case 'overloaded':
      return 'the API is overloaded (529)'
    case 'connection-refused':
      return 'cannot connect to the API'
    case 'timeout':
      return 'the request timed out'
    case 'rate-limited':
      return 'rate limited (429)'
    case 'cancelled':
      return 'the request was cancelled'
    case 'unparseable':
      return 'the output did not parse'
    case 'local-failed':
      return 'the local model failed'
    default:
      return 'the API returned an error'
  }
}
