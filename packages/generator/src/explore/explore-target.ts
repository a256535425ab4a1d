import { quote } from './serialise-value.js'

/** Something the explorer calls: a function, a constructor, or a method of a receiver it built. */
export interface ExploreTarget {
  exportPath: string[]
  /** Statements that build the receiver before the call. */
  setup: string[]
  /** Expression of the callee, e.g. `plural.addRule`, `obj.add`. */
  callee: string
  /** `new` for constructors. */
  construct: boolean
  /** The function itself, for its arity and name. */
  fn: AnyFunction
  /** Name used to look up mined parameter hints. */
  hintName: string
  /** How many receivers deep this target was derived (0: an export). */
  depth: number
}

/** Any callable: the explorer reads only `length` and `name` and calls it through generated code. */
export type AnyFunction = (...args: never[]) => unknown

const SKIPPED_KEYS = new Set(['length', 'name', 'prototype', 'caller', 'arguments', 'constructor', '__proto__'])

/** `obj.key`, or `obj['key']` when the key is not an identifier. */
export function member(object: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${object}.${key}` : `${object}[${quote(key)}]`
}

/** Whether a function is meant to be called with `new` (a class, or an ES5 constructor with prototype methods). */
export function isClassLike(fn: AnyFunction): 'class' | 'es5' | false {
  if (/^class\b/.test(Function.prototype.toString.call(fn))) return 'class'
  const proto = (fn as { prototype?: object }).prototype
  if (!proto) return false
  return Object.getOwnPropertyNames(proto).some((k) => k !== 'constructor' && typeof descriptorValue(proto, k) === 'function')
    ? 'es5'
    : false
}

/** Methods callable on an instance: own and inherited functions up to Object.prototype. */
export function methodNames(instance: object): string[] {
  const names = new Set<string>()
  for (let o: object | null = instance; o && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) if (!SKIPPED_KEYS.has(k) && typeof descriptorValue(o, k) === 'function') names.add(k)
  }
  return [...names]
}

/**
 * Walks an exported value like TestPilot's API explorer: functions and constructors become
 * targets; objects and functions with function-valued properties are walked to a small depth.
 */
export function walkExports(
  value: unknown,
  callee: string,
  exportPath: string[],
  setup: string[],
  depth: number,
  out: ExploreTarget[],
  seen = new Set<unknown>(),
): void {
  if ((typeof value !== 'function' && (typeof value !== 'object' || value === null)) || seen.has(value) || exportPath.length > 4) return
  seen.add(value)
  if (typeof value === 'function') {
    const fn = value as AnyFunction
    const kind = isClassLike(fn)
    const hintName = exportPath[exportPath.length - 1] === 'default' ? fn.name || 'default' : (exportPath[exportPath.length - 1] ?? fn.name)
    if (kind) out.push({ exportPath, setup, callee, construct: true, fn, hintName: fn.name || hintName, depth })
    if (kind !== 'class') out.push({ exportPath, setup, callee, construct: false, fn, hintName, depth })
  }
  for (const key of Object.getOwnPropertyNames(value)) {
    if (SKIPPED_KEYS.has(key)) continue
    const child = descriptorValue(value as object, key)
    if (typeof child === 'function' || (typeof child === 'object' && child !== null && !Array.isArray(child))) {
      walkExports(child, member(callee, key), [...exportPath, key], setup, depth, out, seen)
    }
  }
}

/** A property's value without running getters (which may have side effects). */
function descriptorValue(object: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(object, key)
  return d && 'value' in d ? d.value : undefined
}
