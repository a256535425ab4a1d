/** Limits that keep an asserted literal readable. */
export interface SerialiseOptions {
  /** Render functions nested in objects as `expect.any(Function)` instead of giving up. @default false */
  functionsAsAny?: boolean
  /** Give up beyond this many characters. @default 600 */
  maxLength?: number
  /** Give up beyond this nesting depth. @default 6 */
  maxDepth?: number
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** Quotes a string as a single-quoted JS literal (the house style of generated tests). */
export function quote(text: string): string {
  const json = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")
  // JSON leaves U+2028/2029 raw; they are line terminators in older engines, so escape them.
  return `'${json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`
}

/** A property key as it appears in an object literal. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) || /^(0|[1-9]\d*)$/.test(key) ? key : quote(key)
}

class GiveUp extends Error {}

/**
 * Writes a value as a JS expression that recreates an equal value (`toEqual`-equal; class instances
 * become their enumerable own data, since `toEqual` ignores prototypes). Returns `undefined` for
 * values that cannot be written faithfully: functions at the top, cycles, symbols, errors, huge values.
 */
export function serialiseValue(value: unknown, options: SerialiseOptions = {}): string | undefined {
  const maxLength = options.maxLength ?? 600
  const maxDepth = options.maxDepth ?? 6
  const seen = new Set<object>()
  let size = 0
  const write = (v: unknown, depth: number): string => {
    const out = writeOne(v, depth)
    size += out.length
    if (size > maxLength * 4) throw new GiveUp()
    return out
  }
  const writeOne = (v: unknown, depth: number): string => {
    switch (typeof v) {
      case 'undefined':
        return 'undefined'
      case 'boolean':
        return String(v)
      case 'number':
        if (Object.is(v, -0)) return '-0'
        return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v)
      case 'bigint':
        return `${v}n`
      case 'string':
        return quote(v)
      case 'function':
        if (options.functionsAsAny && depth > 0) return 'expect.any(Function)'
        throw new GiveUp()
      case 'symbol':
        throw new GiveUp()
    }
    if (v === null) return 'null'
    const obj = v as object
    if (depth >= maxDepth || seen.has(obj)) throw new GiveUp()
    seen.add(obj)
    try {
      return writeObject(obj, depth)
    } finally {
      seen.delete(obj)
    }
  }
  const writeObject = (obj: object, depth: number): string => {
    if (Array.isArray(obj)) {
      if (Object.keys(obj).length !== obj.length) throw new GiveUp()
      return `[${obj.map((item) => write(item, depth + 1)).join(', ')}]`
    }
    if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'new Date(NaN)' : `new Date(${quote(obj.toISOString())})`
    if (obj instanceof RegExp) return obj.toString()
    if (obj instanceof Map)
      return `new Map([${[...obj].map(([k, val]) => `[${write(k, depth + 1)}, ${write(val, depth + 1)}]`).join(', ')}])`
    if (obj instanceof Set) return `new Set([${[...obj].map((item) => write(item, depth + 1)).join(', ')}])`
    if (obj instanceof Error || ArrayBuffer.isView(obj) || obj instanceof Promise || obj instanceof WeakMap || obj instanceof WeakSet) {
      throw new GiveUp()
    }
    const keys = Object.keys(obj)
    if (keys.includes('__proto__')) throw new GiveUp()
    if (keys.length === 0) return '{}'
    const record = obj as Record<string, unknown>
    return `{ ${keys.map((k) => `${propertyKey(k)}: ${write(record[k], depth + 1)}`).join(', ')} }`
  }
  try {
    const text = write(value, 0)
    return text.length > maxLength ? undefined : text
  } catch (error) {
    if (error instanceof GiveUp || error instanceof RangeError) return undefined
    // A getter that throws, or a proxy: not a value a test can restate.
    return undefined
  }
}
