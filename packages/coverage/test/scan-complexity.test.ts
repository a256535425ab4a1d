import { readdirSync, readFileSync } from 'node:fs'
import { dirname, extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { type FileComplexity, measureComplexity, parseComplexity } from '../src/complexity.js'
import { scanComplexity } from '../src/scan-complexity.js'

// The scan must give exactly what Babel's AST gives whenever it gives anything: these cases run
// both and compare. Positions are compared as line and column (Babel's also carry an offset).
const shape = (result: FileComplexity) => ({
  topLevel: result.topLevel,
  functions: result.functions.map((f) => [f.name, f.start.line, f.start.column, f.end.line, f.end.column, f.complexity]),
})

function scanned(source: string, file: string) {
  let reason: string | undefined
  const result = scanComplexity(source, file, (why) => {
    reason = why
  })
  return { result, reason }
}

const CASES: [string, string, string][] = [
  [
    'decisions per function, nested functions apart',
    'a.ts',
    `export function pick(a: number, b?: number): number {
  if (a > 0 && b !== undefined) return a
  for (const x of [1, 2]) while (x < 0) {}
  const f = (y: number = 1) => (y ? y : 0)
  switch (a) { case 1: return 1; case 2: return 2; default: return b ?? 0 }
}
class Box<T> { get(key: string): T | undefined { try { return this.map?.get(key) } catch { return undefined } } private map?: Map<string, T> }`,
  ],
  [
    'names from keys, declarators and assignments',
    'a.js',
    `const obj = { run() { return a || b }, 'str-key': () => 1, 42: function () {}, [computed]: () => 2, ['lit']: () => 3,
  async *gen() { yield 1 }, get x() { return 1 }, set x(v) {}, [a.b]() {} }
module.exports.go = function () {}; exports['x'] = () => 1; a[0] = () => 2; this.y = () => 3; a.b.c ||= () => 4; w = function own() {}`,
  ],
  ['export default arrow', 'a.js', 'export default () => 1'],
  ['export default function', 'a.mjs', 'export default function () { return a ?? b }'],
  ['export default parenthesized', 'a.js', 'export default (function () {})'],
  [
    'a name is given only to a direct child',
    'a.js',
    `const f = (() => 1); const g = (0, () => 2); const h = (() => 3)(); const i = function () {}.bind(this)
const j = a ? () => 1 : () => 2; const k = function () {} || null; const l = !function () {}; const m = [() => 1]; const n = x => y => 1`,
  ],
  [
    'TypeScript wrappers take the name away',
    'a.ts',
    'const f = (() => 1) as Fn; const g = (() => 1)!; const h = (() => 1) satisfies Fn; const i = (() => 1)<T>',
  ],
  [
    'defaults in binding patterns',
    'a.js',
    'function f({ a = 1, b: { c = 2 } = {}, ...rest }, [d = 3, , e] = [], g = () => h) {}\ntry {} catch ({ message = "" }) {}',
  ],
  [
    'defaults in patterns made from expressions',
    'a.js',
    `const g = ({ a = 1 }, [b = () => 1] = [], c = d => d) => a; ({ x = 1 } = y); [p = 2, q = () => 0] = z
for ({ m = 1 } of list) {}; const k = (a = () => 1) => a; const l = (b = function () {}); ({ r: s = () => 1 } = t)`,
  ],
  [
    'loops, labels, switch, try',
    'a.js',
    `do { x++ } while (x < 10); for (;;) {} for (const k in o) {} label: while (a) { break label }
switch (x) { case 1: case 2: break; default: }
try { a() } catch { b() } finally { c() }
async function f() { for await (const v of it) {} }`,
  ],
  ['optional chains and logical assignments', 'a.js', 'a?.b?.(c)?.[d].e; a &&= b; a ||= c; a ??= d; x = a ? b ? c : d : e; y = a?.b.c?.d'],
  [
    'classes',
    'a.ts',
    `abstract class A<T> extends B<T> implements C, D<T> {
  static x = () => 1
  #p = () => 2
  private readonly y?: string
  declare z: number
  constructor(private a = 1, public b?: string) { super() }
  abstract m(): void
  overload(a: string): void
  overload(a: any) { return a ?? 0 }
  static { if (a) b() }
  get v() { return 1 }
  [Symbol.iterator]() {}
  'quoted'() {}
  7() {}
  #priv() { return a && b }
  [k: string]: unknown
  [key || other]() { return 1 }
  static async *gen(): AsyncGenerator<number> { yield 1 }
}`,
  ],
  [
    'TypeScript declarations hold no decisions, except enum values',
    'a.ts',
    `type A<T> = T extends string ? 'a' : T extends (infer U)[] ? U : never
interface I extends J<K> { a?: number; m(x: string): void; <T>(y: T): T; new (z: number): I; readonly [key: string]: unknown; [Kind]: string; parse<T = unknown>(r: R): T }
enum E { A = 1, B = A | 2, C = 'c', D = a || b }
const enum F { X }
declare module 'm' { export function f(a?: number): void }
namespace N.M { export const q = () => 1 }
declare global { interface Window { x: number } }
declare function g(a: number): void
export declare const h: () => void`,
  ],
  [
    'type parameters, this parameters and predicates',
    'a.ts',
    `function f<T extends object = {}>(this: Window, a: T, ...rest: number[]): asserts a is T {}
const c = (d: unknown): d is string => typeof d === 'string'
const e = (f?: number, g: string = 'a', { h = 1 }: O = {}): void => {}
function over(a: string): void
function over(a?: string) { return a || '' }`,
  ],
  [
    'type arguments, comparisons and instantiation expressions',
    'a.ts',
    `const x = f<string>(1); const y = new Map<string, number[]>(); const z = a < b && c > d; const w = g<A>; const v = h<Array<B>>(2)
const u = list.get<T>\`t\`; const s = i < n ? 1 : 2; for (let i = 0; i < n; i++) {}; const r = a < (b) > (c)`,
  ],
  [
    'declarations with types',
    'a.ts',
    'let a!: number; let b: (x: number) => void = (x) => {}; const c: { d?: () => void } = { d: () => {} }',
  ],
  ['a parenthesized consequent is not an arrow', 'a.ts', 'x = a ? (b) : c; y = a ? (b) : (c) => d'],
  [
    'imports and exports',
    'a.ts',
    `import x, { y as z, type T } from 'm'; import * as ns from 'n'; import type { U } from 'o'; import json from './j.json' with { type: 'json' }
export * from 's'; export * as t from 'u'; export { v, w as default } from 'x'; export type { V }; export const e = () => 1`,
  ],
  ['TypeScript import equals and export assignment', 'a.ts', "import q = require('r'); import R = N.M; export = () => q || R"],
  [
    'templates, regular expressions and division',
    'a.js',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
    'const s = `a${b ? `c${d || e}` : f}g`; const r = /[/]\\/(?:x)/g.test(s) ? 1 : 2; const q = a / b / c\nif (x) /re/.exec(y)\nconst t = tag`x${() => 1}`',
  ],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
  ['automatic semicolons', 'a.js', 'const a = b\n(c || d)\nlet e = f\n++g\nh = i\n`t${j ?? k}`\nreturn_ = () => {}\n[1].map(x => x)'],
  [
    'arrow ends',
    'a.js',
    'f(x => x + 1, y => (y), async z => { await z }, async (w) => w ?? 0, () => a ? b : c)\nconst o = { a: () => 1, b }',
  ],
  [
    'numeric and string keys',
    'a.js',
    'const o = { 0x10: () => 1, 1e3: () => 2, 1_000: () => 3, .5: () => 4, 10n: () => 5, "x y": () => 6 }',
  ],
  [
    'contextual words as names',
    'a.js',
    'const o = { async: 1, get: 2, set() {}, static() {}, async() {}, get get() {}, new: () => 1, of: x => x }; let type = 1, of = 2',
  ],
  ['generators', 'a.js', 'function* g() { const x = yield; yield* other(); yield a ? b : c; return (yield) || d }'],
  ['comments and a hashbang', 'a.js', '#!/usr/bin/env node\n/* a\n b */ // c\nconst f = () => /* d */ 1'],
  [
    'class expressions, new and import',
    'a.mjs',
    'const C = class extends (a || b) { m() { return new.target ?? new Foo(a?.b) } }; new Bar; import.meta.url; import("x")',
  ],
  ['CRLF line ends', 'a.ts', 'function f() {\r\n  return a ||\r\n    b\r\n}\r\nconst g = `x\r\ny` || (() => 1)\r\n'],
  ['top level', 'a.js', 'if (a) b()\nconst c = d ?? e\nfunction f() { return g && h }'],
  [
    'more expressions',
    'a.ts',
    `const o = { [a ? 'x' : 'y']() { return 1 }, async *[b ?? c]() {} }; const p = () => ({ a: d || e }); x = function () {} ? 1 : 2
new a.b.C(d?.e); a.class = () => 1; a.if?.(); for (let [g = 1] of h) {}; const q = (r = s ? t : u) => r
export default class extends B { static async m() { await n } }
const v = async () => { for (const w of x) if (w) continue }; let
y = 1`,
  ],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
  ['non-ASCII in strings and comments', 'a.ts', "// café\nconst s = 'naïve ✓' || `é${a ?? 'ü'}`"],
]

describe('the complexity scan agrees with the Babel walk', () => {
  it.each(CASES)('%s', (_title, file, source) => {
    const { result, reason } = scanned(source, file)
    expect(reason).toBeUndefined()
    expect(shape(result as FileComplexity)).toEqual(shape(parseComplexity(source, file)))
  })
})

const LEFT_TO_BABEL: [string, string, string][] = [
  ['JSX', 'a.jsx', 'const f = () => <div className="x">{a ? b : c}</div>'],
  ['decorators', 'a.ts', 'class A { @dec m() { return a || b } }'],
  ['a type assertion', 'a.ts', 'const x = <number>y || 0'],
  ['a generic arrow function', 'a.ts', 'const id = <T,>(x: T) => x ?? null'],
  ['a non-ASCII identifier', 'a.js', 'const café = () => a || b'],
  ['a syntax error', 'a.js', 'function f( { return 1 }'],
  ['a lone carriage return', 'a.js', 'const a = 1\rconst b = c || d'],
  ['a with statement', 'a.js', 'with (o) { if (a) b() }'],
  ['a shorthand default outside a pattern', 'a.js', 'const o = ({ a = 1 })'],
  ['yield outside a generator', 'a.js', 'function f() { return yield }'],
  ['a legacy octal literal', 'a.js', 'const o = { 010: () => 1 }'],
]

describe('what the scan leaves to Babel', () => {
  it.each(LEFT_TO_BABEL)('%s', (_title, file, source) => {
    const { result, reason } = scanned(source, file)
    expect(result).toBeUndefined()
    expect(reason).toEqual(expect.any(String))
    // measureComplexity still answers, from Babel.
    expect(shape(measureComplexity(source, file))).toEqual(shape(parseComplexity(source, file)))
  })
})

describe('on real code', () => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
  const sources: string[] = []
  const collect = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist') collect(path)
      else if (entry.isFile() && /^\.[mc]?[jt]sx?$/.test(extname(entry.name)) && !entry.name.endsWith('.d.ts')) sources.push(path)
    }
  }
  for (const dir of ['packages', 'benchmarks', 'scripts', 'test-helpers']) collect(join(root, dir))

  it('matches Babel on every source of this repository it scans, and scans nearly all of them', () => {
    let scannedCount = 0
    for (const file of sources) {
      const source = readFileSync(file, 'utf8')
      const result = scanComplexity(source, file)
      if (!result) continue
      scannedCount++
      expect(shape(result), file).toEqual(shape(parseComplexity(source, file)))
    }
    expect(sources.length).toBeGreaterThan(100)
    expect(scannedCount / sources.length).toBeGreaterThan(0.95)
  })
})
