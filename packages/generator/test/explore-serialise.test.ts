import { describe, expect, it } from 'vitest'
import { quote, serialiseValue } from '../src/explore/serialise-value.js'

const evaluate = (code: string) => new Function(`return (${code})`)()

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  norm() {
    return Math.hypot(this.x, this.y)
  }
}

describe('serialiseValue', () => {
  const values: [string, unknown][] = [
    ['numbers', [0, -0, 1.5, NaN, Infinity, -Infinity, 1e21]],
    ['strings with quotes and control characters', ["it's", 'a\nb', '"q"', '\u2028', '\\']],
    ['nested plain data', { a: [1, { b: null, c: undefined }], 'not an id': true, 3: 'x' }],
    ['bigint', 12n],
    ['dates, regexps, maps and sets', [new Date('2020-01-02T03:04:05.000Z'), /a+b/gi, new Map([['k', 1]]), new Set([1, 'a'])]],
  ]
  for (const [what, value] of values) {
    it(`round-trips ${what}`, () => {
      const code = serialiseValue(value)
      expect(code).toBeDefined()
      expect(evaluate(code as string)).toEqual(value)
    })
  }

  it('keeps -0 and NaN distinct from 0', () => {
    expect(Object.is(evaluate(serialiseValue(-0) as string), -0)).toBe(true)
    expect(Number.isNaN(evaluate(serialiseValue(NaN) as string))).toBe(true)
  })

  it('writes a class instance as its own data, which toEqual accepts', () => {
    const code = serialiseValue(new Point(3, 4)) as string
    expect(code).toBe('{ x: 3, y: 4 }')
    expect(new Point(3, 4)).toEqual(evaluate(code))
  })

  it('gives up on functions, cycles and errors, unless nested functions may be `expect.any`', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(serialiseValue(() => 1)).toBeUndefined()
    expect(serialiseValue(cyclic)).toBeUndefined()
    expect(serialiseValue(new Error('x'))).toBeUndefined()
    expect(serialiseValue({ f: () => 1 }, { functionsAsAny: true })).toBe('{ f: expect.any(Function) }')
  })

  it('gives up on huge values', () => {
    expect(serialiseValue(Array.from({ length: 5000 }, (_, i) => i))).toBeUndefined()
  })

  it('quotes with single quotes', () => {
    expect(quote("it's")).toBe("'it\\'s'")
    expect(evaluate(quote('é\t"'))).toBe('é\t"')
  })
})
