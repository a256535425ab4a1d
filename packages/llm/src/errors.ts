import { AqeError, type AqeErrorCode } from '@aqe/core'

/** Why a provider could not answer; the router records it as the fallback reason. */
export type FailureReason =
  | 'local-failed'
  | 'timeout'
  | 'unparseable'
  | 'overloaded'
  | 'connection-refused'
  | 'rate-limited'
  | 'provider-error'
  | 'cancelled'

/** A provider failed to answer a request; `reason` says how. */
export class ProviderError extends AqeError {
  readonly reason: FailureReason
  readonly provider: string

  constructor(provider: string, reason: FailureReason, message: string, options?: { cause?: unknown }) {
    super(codeFor(reason), message, options)
    this.provider = provider
    this.reason = reason
  }
}

function codeFor(reason: FailureReason): AqeErrorCode {
  return reason === 'timeout' ? 'AQE_LLM_TIMEOUT' : 'AQE_LLM_UNAVAILABLE'
}

/** The privacy mode or a budget forbids every provider that could answer. */
export class BlockedError extends AqeError {
  constructor(message: string) {
    super('AQE_LLM_BLOCKED', message)
  }
}
