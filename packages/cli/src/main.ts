import { isAqeError } from '@aqe/core/errors'
import { CommanderError } from 'commander'
import { createProgram } from './program.js'

/** Exit codes of every aqe command. */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2 } as const

/**
 * Runs the aqe CLI with `argv` (without node and script) and returns the exit code: 0 on
 * success, 1 when a check the command performs fails, 2 on bad input or usage.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram()
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit through here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput
    }
    if (isAqeError(error)) {
      process.stderr.write(`aqe: ${error.message}\n`)
      return EXIT.badInput
    }
    process.stderr.write(`aqe: unexpected error: ${(error as Error).stack ?? String(error)}\n`)
    return EXIT.checkFailed
  }
}
