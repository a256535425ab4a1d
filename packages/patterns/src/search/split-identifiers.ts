/** An identifier or a run of digits. */
export const WORD = /[A-Za-z_$][A-Za-z0-9_$]*|[0-9]+/g
const LOWER = 1
const UPPER = 2
const DIGIT = 3

function kindOf(code: number): number {
  if (code >= 97 && code <= 122) return LOWER
  if (code >= 65 && code <= 90) return UPPER
  if (code >= 48 && code <= 57) return DIGIT
  return 0
}

/**
 * Splits one identifier into lower-case sub-tokens: `mockFetchResponse` → mock, fetch, response;
 * `max_retry_count` → max, retry, count; `HTTPServer2` → http, server, 2. A hand-written scan:
 * this runs on every indexed test and every query, where lookbehind regexes were the hot spot.
 */
export function splitIdentifier(identifier: string): string[] {
  const parts: string[] = []
  let start = -1
  for (let i = 0; i <= identifier.length; i++) {
    const kind = i < identifier.length ? kindOf(identifier.charCodeAt(i)) : 0
    if (kind === 0) {
      if (start >= 0) parts.push(identifier.slice(start, i).toLowerCase())
      start = -1
      continue
    }
    if (start >= 0 && isBoundary(identifier, i, kind)) {
      parts.push(identifier.slice(start, i).toLowerCase())
      start = i
    }
    if (start < 0) start = i
  }
  return parts
}

function isBoundary(text: string, i: number, kind: number): boolean {
  const previous = kindOf(text.charCodeAt(i - 1))
  if (previous === 0) return false
  if (kind === UPPER) return previous === LOWER || previous === DIGIT || (previous === UPPER && kindOf(text.charCodeAt(i + 1)) === LOWER)
  return (kind === DIGIT) !== (previous === DIGIT)
}

/** Every identifier of a text, lower-cased, followed by its sub-tokens when it has more than one. */
export function identifierTerms(text: string): string[] {
  const terms: string[] = []
  for (const word of text.match(WORD) ?? []) {
    const parts = splitIdentifier(word)
    terms.push(word.toLowerCase())
    if (parts.length > 1) terms.push(...parts)
  }
  return terms
}

/** The pre-split text the keyword index stores, so FTS5's tokenizer sees camelCase and snake_case parts as words. */
export function keywordText(text: string): string {
  return identifierTerms(text).join(' ')
}
