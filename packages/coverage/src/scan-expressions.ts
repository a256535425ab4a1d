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
  OBJECT,
  OTHER,
  type Pattern,
  ScanState,
} from './scan-state.js'
import { bail, ScanBail } from './scan-tokens.js'
import { skipType, skipTypeArguments } from './scan-types.js'
import type { SourcePosition } from './types.js'

const BINARY = new Set(['+', '-', '*', '/', '%', '**', '==', '!=', '===', '!==', '<', '>', '<=', '>=', '<<', '>>', '>>>', '&', '|', '^'])
const LOGICAL = new Set(['&&', '||', '??'])
const ASSIGNMENT = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??='])
const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'const',
  'continue',
  'debugger',
  'default',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'finally',
  'for',
  'if',
  'in',
  'instanceof',
  'return',
  'switch',
  'throw',
  'try',
  'var',
  'while',
  'with',
])
/** Keywords that cannot start an expression. */
const NOT_EXPRESSION_STARTS = new Set(['in', 'instanceof', 'else', 'case', 'catch', 'finally', 'default', 'extends'])
/** Punctuators that can start an expression. */
const EXPRESSION_STARTS = new Set(['(', '[', '{', '+', '-', '!', '~', '++', '--', '/', '/=', '<', '#', '@'])
/** Tokens after which `yield` takes no argument. */
const YIELD_END = new Set([';', '}', ')', ']', ':', ','])

/** Expressions, from the comma operator down to literals: decisions in operators, names for the functions inside. */
export abstract class ExpressionScan extends ScanState {
  // Functions and classes inside expressions, in the layers above.
  protected abstract classRest(): void
  protected abstract functionExpression(hint: string | undefined, start: SourcePosition): number
  protected abstract functionRest(
    start: SourcePosition,
    own: string | undefined,
    given: string | undefined,
    generator: boolean,
    mark: number,
    tentative: Frame | undefined,
    bodyRequired: boolean,
  ): Fn | undefined
  protected abstract parenthesized(hint: string | undefined, start: SourcePosition, async: boolean): number
  protected abstract propertyKey(): string | undefined
  protected abstract qualifiesKey(star: boolean): boolean
  protected abstract singleParamArrow(hint: string | undefined, start: SourcePosition): number

  protected expression(noIn: boolean): number {
    let kind = this.assign(undefined, noIn)
    while (this.t.is(',')) {
      this.unname()
      this.t.next()
      this.unnamedAssign(noIn)
      kind = OTHER
    }
    return kind
  }

  /** An AssignmentExpression that gives no name: a function it leaves as `named` is forgotten. */
  protected unnamedAssign(noIn = false): number {
    const kind = this.assign(undefined, noIn)
    this.named = undefined
    return kind
  }

  /** Counts a decision at the current operator (`?` of a conditional, `=` of a default) and reads the expression after it. */
  protected decision(): void {
    this.frame.complexity++
    this.t.next()
    this.unnamedAssign()
  }

  /** An AssignmentExpression; `hint` is the name its parent gives it if it turns out to be a function. */
  protected assign(hint: string | undefined, noIn: boolean): number {
    const t = this.t
    if (t.type === 'name' && t.value === 'yield') {
      if (!this.generator) bail('yield outside a generator')
      t.next()
      if (!t.newlineBefore) {
        if (t.is('*')) {
          t.next()
          this.assign(undefined, noIn)
        } else if (!(t.at('eof') || (t.at('punct') && YIELD_END.has(t.value)))) {
          this.assign(undefined, noIn)
        }
      }
      this.named = undefined
      return OTHER
    }
    const kind = this.conditional(hint, noIn)
    if (kind === ARROW) return OTHER
    if (t.type !== 'punct' || !ASSIGNMENT.has(t.value)) return kind
    const op = t.value
    this.unname()
    if (op === '=') {
      if (kind === OBJECT || kind === ARRAY) this.frame.complexity += this.convert(kind, this.pat, false)
      else if (kind !== IDENT && kind !== MEMBER) bail('invalid assignment target')
    } else {
      if (kind !== IDENT && kind !== MEMBER) bail('invalid assignment target')
      if (op === '&&=' || op === '||=' || op === '??=') this.frame.complexity++
    }
    const target = kind === IDENT || kind === MEMBER ? this.exprName : undefined
    t.next()
    this.assign(target, noIn)
    const named = this.named
    this.named = undefined
    if (op !== '=') return OTHER
    this.pat = { count: 1, covers: 0, renamed: named ? [named] : undefined, ok: true }
    return ASSIGN
  }

  private conditional(hint: string | undefined, noIn: boolean): number {
    const t = this.t
    const kind = this.binary(hint, noIn)
    if (kind === ARROW || !t.is('?')) return kind
    if (this.ts) {
      // `(a?: T)`, `(a?)`: an optional arrow parameter, left to the parentheses (Babel does the same).
      const c = t.peekChar()
      if (c === 0x2c || c === 0x3d || c === 0x3a || c === 0x29) return kind
    }
    this.unname()
    this.decision()
    this.expect(':')
    this.unnamedAssign(noIn)
    return OTHER
  }

  private binary(hint: string | undefined, noIn: boolean): number {
    const t = this.t
    let kind = this.unary(hint)
    if (kind === ARROW) return kind
    for (;;) {
      if (t.type === 'punct') {
        const op = t.value
        const logical = LOGICAL.has(op)
        if (!logical && !BINARY.has(op)) return kind
        if (logical) this.frame.complexity++
      } else if (t.type === 'name') {
        const word = t.value
        if (this.ts && (word === 'as' || word === 'satisfies') && !t.newlineBefore) {
          this.unname()
          t.next()
          skipType(t)
          kind = OTHER
          continue
        }
        if (!((word === 'in' && !noIn) || word === 'instanceof')) return kind
      } else {
        return kind
      }
      this.unname()
      t.next()
      this.unary(undefined)
      this.named = undefined
      kind = OTHER
    }
  }

  private unary(hint: string | undefined): number {
    const t = this.t
    if (t.type === 'punct') {
      const op = t.value
      if (op === '!' || op === '~' || op === '+' || op === '-' || op === '++' || op === '--') {
        t.next()
        this.unary(undefined)
        this.named = undefined
        return OTHER
      }
      if (op === '<') bail('JSX or a type assertion')
    } else if (t.type === 'name') {
      const word = t.value
      if (word === 'typeof' || word === 'void' || word === 'delete' || word === 'await') {
        t.next()
        this.unary(undefined)
        this.named = undefined
        return OTHER
      }
    }
    const kind = this.subscripts(hint, false, false)
    if (kind === ARROW) return kind
    if ((t.is('++') || t.is('--')) && !t.newlineBefore) {
      this.unname()
      t.next()
      return OTHER
    }
    return kind
  }

  /**
   * Member accesses, calls and tagged templates after a primary expression. `noCalls` for the callee
   * of `new`; `heritage` for a class's `extends`, where type arguments may follow without a call.
   */
  protected subscripts(hint: string | undefined, noCalls: boolean, heritage: boolean): number {
    const t = this.t
    let kind = this.primary(hint)
    if (kind === ARROW) return kind
    for (;;) {
      if (t.type === 'template') {
        this.unname()
        this.template()
        kind = OTHER
        continue
      }
      if (t.type !== 'punct') return kind
      switch (t.value) {
        case '.':
          this.unname()
          t.next()
          if (!t.at('name') && !t.at('private')) bail('expected a property name')
          this.exprName = t.value
          t.next()
          kind = MEMBER
          continue
        case '?.':
          this.unname()
          this.frame.complexity++
          t.next()
          if (t.is('(')) {
            this.args()
          } else if (t.is('[')) {
            t.next()
            this.expression(false)
            this.expect(']')
          } else if (t.at('name') || t.at('private')) {
            t.next()
          } else {
            bail('unusual optional chain')
          }
          kind = OTHER
          continue
        case '[': {
          this.unname()
          t.next()
          const inner = this.expression(false)
          const name = inner === IDENT ? this.exprName : inner === LITERAL ? this.literalName() : undefined
          this.expect(']')
          this.exprName = name
          kind = MEMBER
          continue
        }
        case '(':
          if (noCalls) return kind
          this.unname()
          this.args()
          kind = OTHER
          continue
        case '!':
          if (!this.ts || t.newlineBefore) return kind
          this.unname()
          t.next()
          this.exprName = undefined
          kind = kind === IDENT || kind === MEMBER ? MEMBER : OTHER
          continue
        case '<':
          if (!this.ts) return kind
          if (heritage) {
            skipTypeArguments(t)
            return OTHER
          }
          if (!this.typeArguments(noCalls)) return kind
          this.unname()
          // new Foo<T>(…): `new` takes the arguments.
          if (noCalls) return OTHER
          if (t.at('template')) this.template()
          else if (t.is('(')) this.args()
          kind = OTHER
          continue
        default:
          return kind
      }
    }
  }

  /**
   * At `<` after an expression in TypeScript: whether it opens type arguments, as Babel decides:
   * they must parse as types, and then be followed by `(` (a call), a template (a tagged one) or
   * something that cannot start an expression (`f<T>;`, an instantiation expression). Otherwise the
   * `<` is a comparison and nothing is consumed.
   */
  private typeArguments(noCalls: boolean): boolean {
    const t = this.t
    const saved = t.save()
    const endLine = t.lastEndLine
    const endCol = t.lastEndCol
    try {
      skipTypeArguments(t)
    } catch (error) {
      if (!(error instanceof ScanBail)) throw error
      t.restore(saved, endLine, endCol)
      return false
    }
    if (t.is('(') || (t.at('template') && !noCalls)) return true
    if ((t.at('punct') && (t.value === '>' || t.value === '>>' || t.value === '>>>')) || (this.canStartExpression() && !t.newlineBefore)) {
      t.restore(saved, endLine, endCol)
      return false
    }
    if (noCalls) bail('instantiation expression after new')
    return true
  }

  /** Babel's tokenCanStartExpression, for the token after type arguments. */
  private canStartExpression(): boolean {
    const t = this.t
    if (t.at('name')) return !NOT_EXPRESSION_STARTS.has(t.value)
    if (!t.at('punct')) return !t.at('eof')
    return EXPRESSION_STARTS.has(t.value)
  }

  private args(): void {
    const t = this.t
    this.expect('(')
    while (!t.is(')')) {
      if (t.is('...')) t.next()
      this.unnamedAssign()
      if (!t.is(',')) break
      t.next()
    }
    this.expect(')')
  }

  private template(): void {
    const t = this.t
    while (!t.templateTail) {
      t.next()
      this.expression(false)
      if (!t.is('}')) bail('expected } in a template')
      t.continueTemplate()
    }
    t.next()
  }

  private primary(hint: string | undefined): number {
    const t = this.t
    switch (t.type) {
      case 'name':
        return this.word(hint)
      case 'num':
        // Converted only when a key or member needs it as a name (see literalName).
        this.exprName = t.value
        this.exprNumber = true
        t.next()
        return LITERAL
      case 'string':
        this.exprName = t.value.includes('\\') ? ESCAPED_NAME : t.value
        this.exprNumber = false
        t.next()
        return LITERAL
      case 'template':
        this.template()
        return OTHER
      case 'private':
        // `#x in obj`
        t.next()
        if (!t.isName('in')) bail('private name outside `in`')
        return OTHER
      case 'punct':
        switch (t.value) {
          case '(':
            return this.parenthesized(hint, this.position(), false)
          case '[':
            return this.arrayLiteral()
          case '{':
            return this.objectLiteral()
          case '/':
          case '/=':
            t.rescanRegex()
            t.next()
            return OTHER
          default:
            return bail(`unexpected ${t.value}`)
        }
      default:
        return bail('unexpected end of input')
    }
  }

  private word(hint: string | undefined): number {
    const t = this.t
    const word = t.value
    switch (word) {
      case 'function':
        return this.functionExpression(hint, this.position())
      case 'async': {
        const start = this.position()
        const next = this.peek()
        if (next.newlineBefore) break
        if (next.value === 'function') {
          t.next()
          return this.functionExpression(hint, start)
        }
        if (next.value === '(') {
          t.next()
          return this.parenthesized(hint, start, true)
        }
        if (next.type === 'name' && next.value !== 'of' && next.value !== 'in' && next.value !== 'instanceof' && next.value !== 'as') {
          t.next()
          t.next()
          if (!t.is('=>') || t.newlineBefore) bail('async followed by a name')
          return this.singleParamArrow(hint, start)
        }
        break
      }
      case 'class':
        this.classRest()
        return OTHER
      case 'new':
        t.next()
        if (t.is('.')) {
          t.next()
          t.next() // target
          return OTHER
        }
        if (t.isName('new')) bail('new new')
        this.subscripts(undefined, true, false)
        this.named = undefined
        if (t.is('(')) this.args()
        return OTHER
      case 'this':
      case 'super':
      case 'null':
      case 'true':
      case 'false':
        t.next()
        return OTHER
      case 'import':
        t.next()
        if (t.is('(')) this.args()
        else if (t.is('.')) {
          t.next()
          t.next() // meta
        } else bail('unexpected import')
        return OTHER
      case 'yield':
        return bail('yield as a name')
    }
    if (RESERVED.has(word)) bail(`unexpected ${word}`)
    const line = t.startLine
    const column = t.startCol
    t.next()
    if (t.is('=>') && !t.newlineBefore) return this.singleParamArrow(hint, { line, column })
    this.exprName = word
    return IDENT
  }

  private arrayLiteral(): number {
    const t = this.t
    const pattern: Pattern = { count: 0, covers: 0, renamed: undefined, ok: true }
    t.next() // [
    while (!t.is(']')) {
      if (t.is(',')) {
        t.next()
        continue
      }
      if (t.is('...')) t.next()
      const kind = this.unnamedAssign()
      this.addTo(pattern, kind, this.pat)
      if (!t.is(',')) break
      t.next()
    }
    this.expect(']')
    this.pat = pattern
    return ARRAY
  }

  private objectLiteral(): number {
    const t = this.t
    const pattern: Pattern = { count: 0, covers: 0, renamed: undefined, ok: true }
    t.next() // {
    while (!t.is('}')) {
      if (t.is('...')) {
        t.next()
        const kind = this.unnamedAssign()
        if (kind !== IDENT && kind !== MEMBER) pattern.ok = false
      } else {
        this.objectMember(pattern)
      }
      if (!t.is(',')) break
      t.next()
    }
    this.expect('}')
    this.pat = pattern
    return OBJECT
  }

  // `async`, `*` and `get`/`set` before a class or object member's key, each only where it is a modifier, not the key itself.
  protected memberModifiers(): { async: boolean; generator: boolean; accessor: boolean } {
    const t = this.t
    const async = t.isName('async') && this.qualifiesKey(true)
    if (async) t.next()
    const generator = t.is('*')
    if (generator) t.next()
    const accessor = (t.isName('get') || t.isName('set')) && !async && !generator && this.qualifiesKey(false)
    if (accessor) t.next()
    return { async, generator, accessor }
  }

  private objectMember(pattern: Pattern): void {
    const t = this.t
    const start = this.position()
    const { async, generator, accessor } = this.memberModifiers()
    const mark = this.out.length
    const outer = this.frame
    const head: Frame = { complexity: 0 }
    this.frame = head
    const shorthand = t.type === 'name'
    const key = this.propertyKey()
    this.frame = outer
    if (t.is('(') || (this.ts && t.is('<'))) {
      this.functionRest(start, key, undefined, generator, mark, head, true)
      pattern.ok = false
      return
    }
    outer.complexity += head.complexity
    if (async || generator || accessor) bail('expected a method')
    if (t.is(':')) {
      t.next()
      const kind = this.assign(key, false)
      this.named = undefined
      this.addTo(pattern, kind, this.pat)
      return
    }
    if (!shorthand || RESERVED.has(key ?? '')) bail('unusual object member')
    if (t.is('=')) {
      // `{ a = 1 }`: only valid once the object becomes a pattern.
      t.next()
      this.unnamedAssign()
      pattern.count++
      pattern.covers++
      this.pendingCovers++
    }
  }
}
