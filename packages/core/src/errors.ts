/** Stable machine-readable codes carried by every aqe error. */
export type AqeErrorCode =
  | 'AQE_CONFIG_INVALID'
  | 'AQE_BAD_INPUT'
  | 'AQE_STORE_MISSING'
  | 'AQE_STORE_CORRUPT'
  | 'AQE_STORE_LOCKED'
  | 'AQE_STORE_UNWRITABLE'
  | 'AQE_STORE_NEWER'
  | 'AQE_LLM_UNAVAILABLE'
  | 'AQE_LLM_TIMEOUT'
  | 'AQE_LLM_BLOCKED'
  | 'AQE_MODEL_CHECKSUM'

/** Base class of every error aqe throws on purpose; `code` is stable across releases. */
export class AqeError extends Error {
  readonly code: AqeErrorCode

  constructor(code: AqeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/** The configuration (file, options or environment) is invalid. */
export class ConfigError extends AqeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AQE_CONFIG_INVALID', message, options)
  }
}

/** A file or argument handed to aqe cannot be used as given. */
export class InputError extends AqeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AQE_BAD_INPUT', message, options)
  }
}

/** The history store cannot be opened, read or written. */
export class StoreError extends AqeError {}

/** Narrows an unknown thrown value to an aqe error, optionally of one code. */
export function isAqeError(error: unknown, code?: AqeErrorCode): error is AqeError {
  return error instanceof AqeError && (code === undefined || error.code === code)
}
