import { describe, expect, it } from 'vitest'
import { globToRegExp, identifierTerms, keywordQuery, keywordText, splitIdentifier } from '../src/index.js'

describe('identifier splitting for the keyword index', () => {
  it('splits camelCase, PascalCase, acronyms, digits and snake_case', () => {
    expect(splitIdentifier('mockFetchResponse')).toEqual(['mock', 'fetch', 'response'])
    expect(splitIdentifier('HTTPServerError')).toEqual(['http', 'server', 'error'])
    expect(splitIdentifier('max_retry_count')).toEqual(['max', 'retry', 'count'])
    expect(splitIdentifier('base64Encode')).toEqual(['base', '64', 'encode'])
  })

  it('keeps each whole identifier before its parts', () => {
    expect(identifierTerms('parseMoney(x)')).toEqual(['parsemoney', 'parse', 'money', 'x'])
    expect(keywordText("expect(formatMoney(m)).toBe('¥1')")).toBe('expect formatmoney format money m tobe to be 1')
  })

  it('quotes every term so FTS5 reads none as syntax, and drops one-letter terms', () => {
    expect(keywordQuery('a NOT parseMoney "x"')).toBe('"not" OR "parsemoney" OR "parse" OR "money"')
    expect(keywordQuery('+ - *')).toBe('')
  })
})

describe('glob matching', () => {
  it('supports **, *, ? and braces', () => {
    const re = globToRegExp('test/**/*.test.{ts,js}')
    expect(re.test('test/a.test.ts')).toBe(true)
    expect(re.test('test/jest/deep/b.test.js')).toBe(true)
    expect(re.test('test/a.spec.ts')).toBe(false)
    expect(globToRegExp('a?.ts').test('ab.ts')).toBe(true)
  })
})
