import { describe, expect, it } from 'vitest'
import { errorSignature, parseFailureText } from '../src/record/error-signature.js'

describe('parseFailureText', () => {
  it('splits the error name from the message and drops the stack and colours', () => {
    const text = '\u001b[31mTypeError: cannot read x\u001b[39m\n    at foo (/a/b.ts:1:2)\n    at bar (/a/c.ts:3:4)'
    expect(parseFailureText(text)).toEqual({ name: 'TypeError', message: 'cannot read x' })
  })

  it('keeps a multi-line assertion message up to the stack', () => {
    const text = 'Error: expect(received).toBe(expected)\n\nExpected: 1\nReceived: 2\n    at Object.<anonymous> (x.test.ts:3:1)'
    expect(parseFailureText(text)).toEqual({ name: 'Error', message: 'expect(received).toBe(expected)\n\nExpected: 1\nReceived: 2' })
  })

  it('returns the whole text when it names no error', () => {
    expect(parseFailureText('thrown: "boom"')).toEqual({ message: 'thrown: "boom"' })
  })
})

describe('errorSignature', () => {
  it('groups failures that differ only in numbers, paths, ids and quoted values', () => {
    const a = errorSignature('Error', 'Timed out after 5000ms at /home/ci/a.ts:10:3 for "user-1" id 0xdeadbeef')
    const b = errorSignature('Error', 'Timed out after 7311ms at /tmp/x/b.ts:99:1 for "user-2" id 0x00ff')
    expect(a).toBe(b)
    expect(a).toBe('Error: Timed out after <n>ms at <path> for <str> id <hex>')
  })

  it('tells different failures apart', () => {
    expect(errorSignature('TypeError', 'x is undefined')).not.toBe(errorSignature('RangeError', 'x is undefined'))
    expect(errorSignature('Error', 'connection refused')).not.toBe(errorSignature('Error', 'connection reset'))
  })

  it('uses only the first non-empty line and caps the length', () => {
    expect(errorSignature(undefined, '\nfirst\nsecond')).toBe('Error: first')
    expect(errorSignature('Error', 'x'.repeat(500))?.length).toBeLessThanOrEqual(207)
  })

  it('is absent when there is no error at all', () => {
    expect(errorSignature(undefined, undefined)).toBeUndefined()
  })
})
