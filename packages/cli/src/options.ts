import { InputError } from '@aqe/core/errors'

/** Parses a positive integer option, naming the option when the value is not one. */
export function positiveInt(value: string, option: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new InputError(`${option} must be a positive integer, got "${value}".`)
  return n
}

/** Checks that an option's value is one of the allowed choices. */
export function oneOf<T extends string>(value: string, choices: readonly T[], option: string): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new InputError(`${option} must be one of ${choices.join(', ')}, got "${value}".`)
  }
  return value as T
}
