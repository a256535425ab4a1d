// Matches ANSI colour codes that runners put into failure messages.
const ANSI = /\u001b\[[0-9;]*m/g
const STACK_LINE = /^\s+at\s/

/** A failure split into its error name and message, stack trace removed. */
export interface ParsedError {
  name?: string
  message: string
}

/** Strips ANSI codes and the stack trace from a runner's failure text and splits off `Name:`. */
export function parseFailureText(text: string): ParsedError {
  const lines = text.replace(ANSI, '').split('\n')
  const stackStart = lines.findIndex((line) => STACK_LINE.test(line))
  const body = (stackStart === -1 ? lines : lines.slice(0, stackStart)).join('\n').trim()
  const match = /^([A-Z][\w$]*(?:Error|Exception)|Error|AssertionError):\s?([\s\S]*)$/.exec(body)
  return match ? { name: match[1], message: match[2] ?? '' } : { message: body }
}

/**
 * Normalises an error into a signature that stays the same across runs of the same failure:
 * numbers, hex ids, quoted values, paths and timings are replaced so that two timeouts with
 * different durations, or one assertion with different random values, group together.
 */
export function errorSignature(name: string | undefined, message: string | undefined): string | undefined {
  if (!name && !message) return undefined
  const firstLine =
    (message ?? '')
      .replace(ANSI, '')
      .split('\n')
      .find((line) => line.trim() !== '') ?? ''
  const normalised = firstLine
    .replace(/(?:[A-Za-z]:)?(?:[\\/][\w.@-]+)+(?::\d+)*/g, '<path>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b0x[0-9a-f]+\b/gi, '<hex>')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '<str>')
    .replace(/\d+(?:\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
  return `${name ?? 'Error'}: ${normalised}`
}
