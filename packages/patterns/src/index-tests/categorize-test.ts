import type { PatternCategory } from '../pattern.js'

// First match wins: the most specific technique names the pattern.
const RULES: [PatternCategory, RegExp][] = [
  ['error-handling', /\.toThrow|\.rejects\b|toThrowError|\bcatch\s*\(/],
  ['snapshot', /toMatch(Inline)?Snapshot|toThrowErrorMatchingSnapshot/],
  ['mocking', /\b(vi|jest)\.(fn|mock|spyOn|useFakeTimers)\b|\.mock(Resolved|Rejected)?(Value|Implementation)/],
  ['async', /\basync\b|\bawait\b|\.resolves\b|\bdone\s*\(/],
]

/** The category of a test by the technique its code uses; plain assertions otherwise. */
export function categorizeTest(code: string): PatternCategory {
  return RULES.find(([, pattern]) => pattern.test(code))?.[0] ?? 'assertion'
}
