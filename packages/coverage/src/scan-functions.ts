import { ExpressionScan } from './scan-expressions.js'
import {
  ARRAY,
  ARROW,
  ASSIGN,
  ESCAPED_NAME,
  type Fn,
  type Frame,
  IDENT,
  LITERAL,
  MEMBER,
  numberName,
  OBJECT,
  OTHER,
  type Pattern,
} from './scan-state.js'
import { bail, ScanBail } from './scan-tokens.js'
import { skipReturnType, skipType, skipTypeParameters } from './scan-types.js'
import type { SourcePosition } from './types.js'

const PARAM_MODIFIERS = new Set(['public', 'private', 'protected', 'readonly', 'override'])

/** Functions of every form (declarations, expressions, arrows, methods), their parameters, binding patterns and keys. */
export abstract class FunctionScan extends ExpressionScan {
  // A function body is a block of statements, in the layer above.
  protected abstract block(): void

  protected functionDeclaration(given: string | undefined): void {
    const t = this.t
    const start = this.position()
    if (t.isName('async')) t.next()
    t.next() // function
    const generator = t.is('*')
    if (generator) t.next()
    let own: string | undefined
    if (t.type === 'name' && !t.is('(')) {
      own = t.value
      t.next()
    }
    if (own === undefined && given === undefined) bail('function declaration without a name')
    const fn = this.functionRest(start, own, given, generator, this.out.length, undefined, !this.ts)
    if (!fn) this.semicolon()
  }

  /**
   * From the type parameters or `(` of a function on: parameters, return type and body. Returns
   * undefined for a TypeScript signature without a body (an overload or an abstract method), which
   * is no function to Babel's walk: what its parameters hold counts in the enclosing function.
   * `mark` and `tentative` carry what was counted since the function's start (a computed key).
   */
  protected functionRest(
    start: SourcePosition,
    own: string | undefined,
    given: string | undefined,
    generator: boolean,
    mark: number,
    tentative: Frame | undefined,
    bodyRequired: boolean,
  ): Fn | undefined {
    const t = this.t
    const outer = this.frame
    const head: Frame = tentative ?? { complexity: 0 }
    this.frame = head
    const outerGenerator = this.generator
    this.generator = generator
    if (this.ts && t.is('<')) skipTypeParameters(t)
    this.params()
    if (this.ts && t.is(':')) {
      t.next()
      skipReturnType(t)
    }
    if (!t.is('{')) {
      if (bodyRequired) bail('function without a body')
      this.frame = outer
      outer.complexity += head.complexity
      this.generator = outerGenerator
      return undefined
    }
    const fn = this.newFunction(start, own, given)
    fn.complexity += head.complexity
    if (mark === this.out.length) this.out.push(fn)
    else this.out.splice(mark, 0, fn)
    this.frame = fn
    this.functionBody()
    fn.end = { line: t.lastEndLine, column: t.lastEndCol }
    this.frame = outer
    this.generator = outerGenerator
    return fn
  }

  private functionBody(): void {
    this.block()
  }

  private params(): void {
    const t = this.t
    this.expect('(')
    while (!t.is(')')) {
      if (this.ts) {
        while (t.type === 'name' && PARAM_MODIFIERS.has(t.value)) {
          const next = this.peek()
          if (next.type !== 'name' && next.value !== '{' && next.value !== '[') break
          t.next()
        }
      }
      if (t.is('...')) t.next()
      this.bindingTarget()
      if (this.ts && t.is('?')) t.next()
      if (this.ts && t.is(':')) {
        t.next()
        skipType(t)
      }
      if (t.is('=')) {
        this.decision()
      }
      if (!t.is(',')) break
      t.next()
    }
    this.expect(')')
  }

  /** A binding name or pattern; defaults inside count in the current frame. Returns the name when it is a plain identifier. */
  protected bindingTarget(): string | undefined {
    const t = this.t
    if (t.type === 'name') {
      const name = t.value
      t.next()
      return name
    }
    if (t.is('{')) {
      t.next()
      while (!t.is('}')) {
        if (t.is('...')) {
          t.next()
          this.bindingTarget()
        } else {
          const shorthand = t.at('name')
          this.propertyKey()
          if (t.is(':')) {
            t.next()
            this.bindingElement()
          } else if (!shorthand) {
            bail('expected : in an object pattern')
          } else if (t.is('=')) {
            this.decision()
          }
        }
        if (!t.is(',')) break
        t.next()
      }
      this.expect('}')
      return undefined
    }
    if (t.is('[')) {
      t.next()
      while (!t.is(']')) {
        if (t.is(',')) {
          t.next()
          continue
        }
        if (t.is('...')) {
          t.next()
          this.bindingTarget()
        } else {
          this.bindingElement()
        }
        if (!t.is(',')) break
        t.next()
      }
      this.expect(']')
      return undefined
    }
    return bail('unusual binding')
  }

  private bindingElement(): void {
    this.bindingTarget()
    if (this.t.is('=')) {
      this.decision()
    }
  }

  /**
   * A property key: identifier (keywords included), string, number, private name or `[computed]`.
   * Returns the name Babel's walk gives a function keyed by it (undefined when it gives none).
   */
  protected propertyKey(): string | undefined {
    const t = this.t
    switch (t.type) {
      case 'name':
      case 'private': {
        const name = t.value
        t.next()
        return name
      }
      case 'string': {
        const name = t.value.includes('\\') ? ESCAPED_NAME : t.value
        t.next()
        return name
      }
      case 'num': {
        const name = numberName(t.value)
        t.next()
        return name
      }
      case 'punct':
        if (t.value === '[') {
          t.next()
          const kind = this.unnamedAssign()
          const name = kind === IDENT ? this.exprName : kind === LITERAL ? this.literalName() : undefined
          this.expect(']')
          return name
        }
        return bail(`unexpected ${t.value} as a key`)
      default:
        return bail('unexpected key')
    }
  }

  /** `x => …`, at the `=>`. */
  protected singleParamArrow(hint: string | undefined, start: SourcePosition): number {
    const fn = this.newFunction(start, undefined, hint)
    this.out.push(fn)
    this.arrowBody(fn)
    if (hint !== undefined) this.named = fn
    return ARROW
  }

  protected functionExpression(hint: string | undefined, start: SourcePosition): number {
    const t = this.t
    t.next() // function
    const generator = t.is('*')
    if (generator) t.next()
    let own: string | undefined
    if (t.type === 'name') {
      own = t.value
      t.next()
    }
    const fn = this.functionRest(start, own, hint, generator, this.out.length, undefined, true) as Fn
    if (hint !== undefined && own === undefined) this.named = fn
    return OTHER
  }

  private arrowBody(fn: Fn): void {
    const t = this.t
    this.expect('=>')
    const outer = this.frame
    const outerGenerator = this.generator
    this.frame = fn
    this.generator = false
    if (t.is('{')) {
      this.functionBody()
    } else {
      this.unnamedAssign()
    }
    fn.end = { line: t.lastEndLine, column: t.lastEndCol }
    this.frame = outer
    this.generator = outerGenerator
  }

  /**
   * `( … )`: a parenthesized expression, arrow parameters, or after `async` a call. What is counted
   * inside goes to a frame of its own until the `=>` (or its absence) says whose it is; functions
   * found inside come after the arrow in Babel's order, so the arrow is inserted before them.
   */
  protected parenthesized(hint: string | undefined, start: SourcePosition, async: boolean): number {
    const t = this.t
    const mark = this.out.length
    const outer = this.frame
    const head: Frame = { complexity: 0 }
    this.frame = head
    t.next() // (
    const kinds: number[] = []
    const patterns: (Pattern | undefined)[] = []
    let first: Fn | undefined
    let mustBeArrow = false
    let trailingComma = false
    while (!t.is(')')) {
      let rest = false
      if (t.is('...')) {
        t.next()
        rest = true
        if (!async) mustBeArrow = true
      }
      let kind = this.assign(kinds.length === 0 && !rest ? hint : undefined, false)
      if (kinds.length === 0) first = this.named
      this.named = undefined
      if (this.ts) {
        let typed = false
        if (t.is('?')) {
          t.next()
          typed = true
        }
        if (t.is(':')) {
          t.next()
          skipType(t)
          typed = true
        }
        if (typed) {
          mustBeArrow = true
          if (kind !== IDENT && kind !== OBJECT && kind !== ARRAY) bail('unusual typed parameter')
          if (t.is('=')) {
            this.frame.complexity += this.convert(kind, this.pat, true)
            t.next()
            this.unnamedAssign()
            kind = ASSIGN
            this.pat = { count: 1, covers: 0, renamed: undefined, ok: true }
          }
        }
      }
      kinds.push(kind)
      patterns.push(kind === OBJECT || kind === ARRAY || kind === ASSIGN ? this.pat : undefined)
      if (!t.is(',')) break
      t.next()
      if (t.is(')')) trailingComma = true
    }
    this.expect(')')
    const single = kinds.length === 1 ? kinds[0] : undefined
    const name = this.exprName
    const numeric = this.exprNumber
    let arrow = t.is('=>') && !t.newlineBefore
    if (!arrow && this.ts && t.is(':')) arrow = this.arrowReturnType()
    if (arrow) {
      let defaults = 0
      kinds.forEach((kind, i) => {
        defaults += this.convert(kind, patterns[i], true)
      })
      if (first) this.unname(first)
      const fn = this.newFunction(start, undefined, hint)
      fn.complexity += head.complexity + defaults
      if (mark === this.out.length) this.out.push(fn)
      else this.out.splice(mark, 0, fn)
      this.frame = outer
      this.arrowBody(fn)
      if (hint !== undefined) this.named = fn
      return ARROW
    }
    this.frame = outer
    outer.complexity += head.complexity
    if (mustBeArrow) bail('parameters without an arrow')
    if (async) {
      // async(…): a call of something named async.
      if (first) this.unname(first)
      return OTHER
    }
    if (trailingComma || single === undefined) {
      if (kinds.length === 0 || trailingComma) bail('empty or trailing-comma parentheses')
      if (first) this.unname(first)
      return OTHER
    }
    // Parentheses are transparent to names: `const f = (() => 1)` names the arrow f.
    this.named = first
    if (single === IDENT || single === MEMBER || single === LITERAL) {
      this.exprName = name
      this.exprNumber = numeric
      return single
    }
    return OTHER
  }

  /** At `:` after `( … )` in TypeScript: a return type followed by `=>` makes an arrow, as Babel tries it. */
  private arrowReturnType(): boolean {
    const t = this.t
    const saved = t.save()
    const endLine = t.lastEndLine
    const endCol = t.lastEndCol
    try {
      t.next()
      skipReturnType(t)
      if (t.is('=>') && !t.newlineBefore) return true
    } catch (error) {
      if (!(error instanceof ScanBail)) throw error
    }
    t.restore(saved, endLine, endCol)
    return false
  }
}
