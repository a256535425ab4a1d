import type { FileComplexity, FunctionComplexity } from './complexity.js'
import { bail, ScanBail, Tokenizer } from './scan-tokens.js'
import { isIndexSignature, skipBalanced, skipReturnType, skipType, skipTypeArguments, skipTypeParameters } from './scan-types.js'
import type { SourcePosition } from './types.js'

// What an expression turned out to be, as far as naming functions and turning expressions into
// patterns care (`[a = 1] = b`, arrow parameters).
const OTHER = 0
const IDENT = 1
const MEMBER = 2
/** A string or number literal: a computed key names its function after it. */
const LITERAL = 3
const OBJECT = 4
const ARRAY = 5
/** `a = b`: becomes a default (an AssignmentPattern, one decision) when turned into a pattern. */
const ASSIGN = 6
/** An arrow function not in parentheses: nothing may follow it at its level (Babel's shouldExitDescending). */
const ARROW = 7

/** A string key with escapes: naming a function after it is left to Babel. */
const ESCAPED_NAME = '\u0000'

/** What turning an object, array or assignment into a pattern would add. */
interface Pattern {
  /** Defaults (AssignmentPatterns) the conversion creates. */
  count: number
  /** `{ a = 1 }` shorthand defaults inside, only valid once converted. */
  covers: number
  /** Functions named after an assignment target that lose the name when the assignment becomes a default. */
  renamed: Fn[] | undefined
  /** False when something inside cannot be a pattern (a call, a method…). */
  ok: boolean
}

/** A function found so far; `own` is the name it gives itself, the fallback when a given name is withdrawn. */
interface Fn {
  name: string
  own: string | undefined
  start: SourcePosition
  end: SourcePosition
  complexity: number
}

interface Frame {
  complexity: number
}

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
const TS_MODIFIERS = new Set(['public', 'private', 'protected', 'readonly', 'abstract', 'override', 'declare', 'static', 'accessor'])
const PARAM_MODIFIERS = new Set(['public', 'private', 'protected', 'readonly', 'override'])
const DECLARATION_STARTS = new Set([
  'var',
  'let',
  'const',
  'function',
  'async',
  'class',
  'enum',
  'type',
  'interface',
  'namespace',
  'module',
  'declare',
  'abstract',
])
/** Keywords that cannot start an expression. */
const NOT_EXPRESSION_STARTS = new Set(['in', 'instanceof', 'else', 'case', 'catch', 'finally', 'default', 'extends'])
/** Punctuators that can start an expression. */
const EXPRESSION_STARTS = new Set(['(', '[', '{', '+', '-', '!', '~', '++', '--', '/', '/=', '<', '#', '@'])
/** TypeScript declarations that start with a word that is otherwise an identifier. */
const CONTEXTUAL_DECLARATIONS = new Set(['type', 'interface', 'declare', 'namespace', 'module', 'abstract', 'global'])
/** Tokens after which `yield` takes no argument. */
const YIELD_END = new Set([';', '}', ')', ']', ':', ','])

/**
 * Cyclomatic complexity of each function, as {@link measureComplexity} counts it on Babel's AST,
 * from a single pass over the tokens that builds no tree: about twenty times faster on typical
 * sources. Returns undefined for anything it does not model exactly (JSX, decorators, `<T>` before
 * an expression, non-ASCII names, syntax errors…); the caller then parses with Babel. Agreement with
 * Babel is tested on this repository's sources and its dependencies.
 */
export function scanComplexity(source: string, fileName: string, onBail?: (reason: string) => void): FileComplexity | undefined {
  try {
    return new ComplexityScan(source, /\.[mc]?tsx?$/.test(fileName)).run()
  } catch (error) {
    if (!(error instanceof ScanBail)) throw error
    onBail?.(error.reason)
    return undefined
  }
}

class ComplexityScan {
  private readonly t: Tokenizer
  private readonly ts: boolean
  private readonly out: Fn[] = []
  private readonly top: Frame = { complexity: 1 }
  private frame: Frame = this.top
  private generator = false
  /** The function just named after a hint; unnamed if something turns out to wrap it. */
  private named: Fn | undefined
  /** Name of the last identifier, member property or literal expression (a number literal's raw text). */
  private exprName: string | undefined
  /** Whether the last literal was a number. */
  private exprNumber = false
  /** Pattern information of the last object, array or assignment expression. */
  private pat: Pattern | undefined
  private pendingCovers = 0

  constructor(source: string, ts: boolean) {
    this.t = new Tokenizer(source)
    this.ts = ts
  }

  run(): FileComplexity {
    while (this.t.type !== 'eof') this.statement()
    if (this.pendingCovers !== 0) bail('shorthand default outside a pattern')
    const functions: FunctionComplexity[] = this.out.map((fn) => ({
      name: fn.name,
      start: fn.start,
      end: fn.end,
      complexity: fn.complexity,
    }))
    return { functions, topLevel: this.top.complexity }
  }

  // ---- helpers ----

  private expect(p: string): void {
    if (!this.t.is(p)) bail(`expected ${p}, found ${this.t.value || this.t.type}`)
    this.t.next()
  }

  private semicolon(): void {
    const t = this.t
    if (t.is(';')) t.next()
    else if (!(t.is('}') || t.type === 'eof' || t.newlineBefore)) bail('missing semicolon')
  }

  private position(): SourcePosition {
    return { line: this.t.startLine, column: this.t.startCol }
  }

  /** The token after the current one, without moving. */
  private peek(): { type: string; value: string; newlineBefore: boolean } {
    const t = this.t
    const saved = t.save()
    const endLine = t.lastEndLine
    const endCol = t.lastEndCol
    t.next()
    const next = { type: t.type, value: t.value, newlineBefore: t.newlineBefore }
    t.restore(saved, endLine, endCol)
    return next
  }

  private newFunction(start: SourcePosition, own: string | undefined, given: string | undefined): Fn {
    const name = own ?? given ?? `(anonymous:${start.line})`
    if (name === ESCAPED_NAME) bail('function named after an escaped string')
    return { name, own, start, end: start, complexity: 1 }
  }

  /** Withdraws the name a function got from its parent, now that it turns out not to be the parent's direct child. */
  private unname(fn = this.named): void {
    if (fn) fn.name = fn.own ?? `(anonymous:${fn.start.line})`
    if (fn === this.named) this.named = undefined
  }

  /** The name a function keyed by the last literal gets: a string's value, a number's `String(value)`. */
  private literalName(): string | undefined {
    return this.exprNumber ? numberName(this.exprName ?? '') : this.exprName
  }

  /** Turns an expression into a pattern: the defaults it creates, counted by the caller. */
  private convert(kind: number, pattern: Pattern | undefined, binding: boolean): number {
    if (kind === IDENT || (kind === MEMBER && !binding)) return 0
    if ((kind !== OBJECT && kind !== ARRAY && kind !== ASSIGN) || !pattern?.ok) return bail('not a pattern')
    if (pattern.renamed) for (const fn of pattern.renamed) this.unname(fn)
    this.pendingCovers -= pattern.covers
    return pattern.count
  }

  private addTo(into: Pattern, kind: number, pattern: Pattern | undefined): void {
    if (kind === IDENT || kind === MEMBER) return
    if ((kind !== OBJECT && kind !== ARRAY && kind !== ASSIGN) || !pattern) {
      into.ok = false
      return
    }
    into.count += pattern.count
    into.covers += pattern.covers
    into.ok &&= pattern.ok
    if (pattern.renamed) into.renamed = into.renamed ? into.renamed.concat(pattern.renamed) : pattern.renamed
  }

  // ---- statements ----

  private statement(): void {
    const t = this.t
    if (t.type === 'punct') {
      if (t.value === '{') {
        this.block()
        return
      }
      if (t.value === ';') {
        t.next()
        return
      }
      if (t.value === '@') bail('decorator')
      this.expressionStatement()
      return
    }
    if (t.type !== 'name') {
      this.expressionStatement()
      return
    }
    switch (t.value) {
      case 'var':
      case 'const':
        if (this.ts && t.value === 'const' && t.peekWord() === 'enum') {
          t.next()
          this.enumDeclaration()
          return
        }
        this.variableStatement()
        return
      case 'let': {
        const next = this.peek()
        if (next.type === 'name' || next.value === '[' || next.value === '{') {
          this.variableStatement()
          return
        }
        this.expressionStatement()
        return
      }
      case 'function':
        this.functionDeclaration(undefined)
        return
      case 'async': {
        const next = this.peek()
        if (next.value === 'function' && !next.newlineBefore) {
          this.functionDeclaration(undefined)
          return
        }
        this.expressionStatement()
        return
      }
      case 'class':
        this.classDeclaration()
        return
      case 'if':
        this.frame.complexity++
        t.next()
        this.parenExpression()
        this.statement()
        if (t.isName('else')) {
          t.next()
          this.statement()
        }
        return
      case 'for':
        this.forStatement()
        return
      case 'while':
        this.frame.complexity++
        t.next()
        this.parenExpression()
        this.statement()
        return
      case 'do':
        this.frame.complexity++
        t.next()
        this.statement()
        if (!t.isName('while')) bail('expected while')
        t.next()
        this.parenExpression()
        if (t.is(';')) t.next()
        return
      case 'return':
        t.next()
        if (!(t.is(';') || t.is('}') || t.at('eof') || t.newlineBefore)) this.expression(false)
        this.semicolon()
        return
      case 'throw':
        t.next()
        if (t.newlineBefore) bail('line break after throw')
        this.expression(false)
        this.semicolon()
        return
      case 'break':
      case 'continue':
        t.next()
        if (t.type === 'name' && !t.newlineBefore) t.next()
        this.semicolon()
        return
      case 'switch':
        this.switchStatement()
        return
      case 'try':
        this.tryStatement()
        return
      case 'debugger':
        t.next()
        this.semicolon()
        return
      case 'with':
        throw new ScanBail('with statement')
      case 'import': {
        const next = this.peek()
        if (next.value === '(' || next.value === '.') {
          this.expressionStatement()
          return
        }
        this.importDeclaration()
        return
      }
      case 'export':
        this.exportDeclaration()
        return
      case 'enum':
        if (!this.ts) bail('enum outside TypeScript')
        this.enumDeclaration()
        return
    }
    if (this.ts && this.typeScriptDeclaration()) return
    this.expressionStatement()
  }

  /** TypeScript declarations that start with a contextual keyword; false when the word is a plain identifier here. */
  private typeScriptDeclaration(): boolean {
    const t = this.t
    const word = t.value
    if (!CONTEXTUAL_DECLARATIONS.has(word)) return false
    const next = this.peek()
    if (next.newlineBefore) return false
    switch (word) {
      case 'type':
        if (next.type !== 'name') return false
        t.next()
        t.next()
        if (t.is('<')) skipTypeParameters(t)
        this.expect('=')
        skipType(t)
        this.semicolon()
        return true
      case 'interface':
        if (next.type !== 'name') return false
        t.next()
        this.interfaceRest()
        return true
      case 'declare':
        if (next.type !== 'name' || !(DECLARATION_STARTS.has(next.value) || next.value === 'global')) return false
        t.next()
        if (t.isName('global')) {
          t.next()
          this.block()
        } else {
          this.statement()
        }
        return true
      case 'namespace':
      case 'module':
        if (next.type !== 'name' && !(word === 'module' && next.type === 'string')) return false
        t.next()
        if (t.type === 'string') {
          t.next()
        } else {
          t.next()
          while (t.is('.')) {
            t.next()
            if (t.type !== 'name') bail('expected a namespace name')
            t.next()
          }
        }
        if (t.is('{')) this.block()
        else this.semicolon()
        return true
      case 'abstract':
        if (next.value !== 'class') return false
        t.next()
        this.classDeclaration()
        return true
      default:
        return false
    }
  }

  /** After `interface`: the name, type parameters, heritage and body. Interface members hold no decisions the scan must count. */
  private interfaceRest(): void {
    const t = this.t
    if (t.type !== 'name') bail('expected an interface name')
    t.next()
    if (t.is('<')) skipTypeParameters(t)
    if (t.isName('extends')) {
      t.next()
      skipType(t)
      while (t.is(',')) {
        t.next()
        skipType(t)
      }
    }
    if (!t.is('{')) bail('expected an interface body')
    skipBalanced(t, true)
  }

  private enumDeclaration(): void {
    const t = this.t
    t.next() // enum
    if (t.type !== 'name') bail('expected an enum name')
    t.next()
    this.expect('{')
    while (!t.is('}')) {
      if (t.type === 'name' || t.type === 'string') t.next()
      else bail('unusual enum member')
      if (t.is('=')) {
        t.next()
        this.assign(undefined, false)
        this.named = undefined
      }
      if (!t.is(',')) break
      t.next()
    }
    this.expect('}')
  }

  private block(): void {
    this.expect('{')
    while (!this.t.is('}')) {
      if (this.t.type === 'eof') bail('unterminated block')
      this.statement()
    }
    this.t.next()
  }

  private expressionStatement(): void {
    const kind = this.expression(false)
    if (kind === IDENT && this.t.is(':')) {
      // A label.
      this.t.next()
      this.statement()
      return
    }
    this.semicolon()
  }

  private parenExpression(): void {
    this.expect('(')
    this.expression(false)
    this.expect(')')
  }

  private variableStatement(): void {
    this.t.next()
    this.declarators(false)
    this.semicolon()
  }

  private declarators(noIn: boolean): void {
    const t = this.t
    for (;;) {
      const name = this.bindingTarget()
      this.declaratorRest(name, noIn)
      if (!t.is(',')) return
      t.next()
    }
  }

  private declaratorRest(name: string | undefined, noIn: boolean): void {
    const t = this.t
    if (this.ts && t.is('!')) t.next()
    if (this.ts && t.is(':')) {
      t.next()
      skipType(t)
    }
    if (t.is('=')) {
      t.next()
      this.assign(name, noIn)
      this.named = undefined
    }
  }

  private forStatement(): void {
    const t = this.t
    this.frame.complexity++
    t.next()
    if (t.isName('await')) t.next()
    this.expect('(')
    if (!t.is(';')) {
      const declaration = t.isName('var') || t.isName('const') || (t.isName('let') && this.letDeclares())
      if (declaration) {
        t.next()
        const name = this.bindingTarget()
        if (t.isName('of') || t.isName('in')) {
          this.forInOfRest()
          return
        }
        this.declaratorRest(name, true)
        if (t.is(',')) {
          t.next()
          this.declarators(true)
        }
      } else {
        const kind = this.expression(true)
        if (t.isName('of') || t.isName('in')) {
          this.frame.complexity += this.convert(kind, this.pat, false)
          this.forInOfRest()
          return
        }
      }
    }
    this.expect(';')
    if (!t.is(';')) this.expression(false)
    this.expect(';')
    if (!t.is(')')) this.expression(false)
    this.expect(')')
    this.statement()
  }

  private letDeclares(): boolean {
    const next = this.peek()
    return next.type === 'name' || next.value === '[' || next.value === '{'
  }

  private forInOfRest(): void {
    const of = this.t.value === 'of'
    this.t.next()
    if (of) this.assign(undefined, false)
    else this.expression(false)
    this.named = undefined
    this.expect(')')
    this.statement()
  }

  private switchStatement(): void {
    const t = this.t
    t.next()
    this.parenExpression()
    this.expect('{')
    while (!t.is('}')) {
      if (t.isName('case')) {
        this.frame.complexity++
        t.next()
        this.expression(false)
        this.expect(':')
      } else if (t.isName('default')) {
        t.next()
        this.expect(':')
      } else if (t.type === 'eof') {
        bail('unterminated switch')
      } else {
        this.statement()
      }
    }
    t.next()
  }

  private tryStatement(): void {
    const t = this.t
    t.next()
    this.block()
    if (t.isName('catch')) {
      this.frame.complexity++
      t.next()
      if (t.is('(')) {
        t.next()
        this.bindingTarget()
        if (this.ts && t.is(':')) {
          t.next()
          skipType(t)
        }
        this.expect(')')
      }
      this.block()
    }
    if (t.isName('finally')) {
      t.next()
      this.block()
    }
  }

  private importDeclaration(): void {
    const t = this.t
    t.next() // import
    if (t.type === 'string') {
      t.next()
    } else {
      for (;;) {
        if (t.type === 'eof' || t.is(';')) bail('unterminated import')
        if (this.ts && t.is('=')) {
          // import x = require('y') / import x = A.B
          t.next()
          if (t.isName('require') && this.peek().value === '(') {
            t.next()
            this.expect('(')
            if (!t.at('string')) bail('expected a module name')
            t.next()
            this.expect(')')
          } else {
            this.entityName()
          }
          this.semicolon()
          return
        }
        if (t.isName('from')) {
          t.next()
          if (t.at('string')) {
            t.next()
            break
          }
          continue
        }
        if (!t.at('name') && !t.at('string') && !t.is('{') && !t.is('}') && !t.is(',') && !t.is('*')) bail('unusual import')
        t.next()
      }
    }
    this.importAttributes()
    this.semicolon()
  }

  private importAttributes(): void {
    const t = this.t
    if (!(t.isName('with') || (t.isName('assert') && !t.newlineBefore))) return
    t.next()
    this.expect('{')
    while (!t.is('}')) {
      if (t.type !== 'name' && t.type !== 'string' && !t.is(':') && !t.is(',')) bail('unusual import attributes')
      t.next()
    }
    t.next()
  }

  private entityName(): void {
    const t = this.t
    if (t.type !== 'name') bail('expected a name')
    t.next()
    while (t.is('.')) {
      t.next()
      if (t.type !== 'name') bail('expected a name')
      t.next()
    }
  }

  private exportDeclaration(): void {
    const t = this.t
    t.next() // export
    if (t.isName('default')) {
      t.next()
      if (t.isName('function')) {
        this.functionDeclaration('default')
        return
      }
      if (t.isName('async')) {
        const next = this.peek()
        if (next.value === 'function' && !next.newlineBefore) {
          this.functionDeclaration('default')
          return
        }
      }
      if (t.isName('class')) {
        this.classDeclaration()
        return
      }
      if (this.ts && t.isName('abstract') && this.peek().value === 'class') {
        t.next()
        this.classDeclaration()
        return
      }
      if (this.ts && t.isName('interface') && this.peek().type === 'name') {
        t.next()
        this.interfaceRest()
        return
      }
      this.assign('default', false)
      this.named = undefined
      this.semicolon()
      return
    }
    if (this.ts && t.isName('type') && (this.peek().value === '{' || this.peek().value === '*')) t.next()
    if (t.is('*')) {
      t.next()
      if (t.isName('as')) {
        t.next()
        if (t.type !== 'name' && t.type !== 'string') bail('expected a name')
        t.next()
      }
      this.exportFrom(true)
      return
    }
    if (t.is('{')) {
      t.next()
      while (!t.is('}')) {
        if (t.type !== 'name' && t.type !== 'string' && !t.is(',')) bail('unusual export list')
        t.next()
      }
      t.next()
      this.exportFrom(false)
      return
    }
    if (this.ts && t.is('=')) {
      t.next()
      this.expression(false)
      this.semicolon()
      return
    }
    if (this.ts && t.isName('as')) {
      t.next()
      if (!t.isName('namespace')) bail('expected namespace')
      t.next()
      if (t.type !== 'name') bail('expected a name')
      t.next()
      this.semicolon()
      return
    }
    if (
      t.type !== 'name' ||
      !DECLARATION_STARTS.has(t.value) ||
      (!this.ts && !['var', 'let', 'const', 'function', 'async', 'class'].includes(t.value))
    ) {
      bail('unusual export')
    }
    this.statement()
  }

  private exportFrom(required: boolean): void {
    const t = this.t
    if (t.isName('from')) {
      t.next()
      if (t.type !== 'string') bail('expected a module name')
      t.next()
      this.importAttributes()
    } else if (required) {
      bail('expected from')
    }
    this.semicolon()
  }

  // ---- functions and classes ----

  private functionDeclaration(given: string | undefined): void {
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
  private functionRest(
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
        this.frame.complexity++
        t.next()
        this.assign(undefined, false)
        this.named = undefined
      }
      if (!t.is(',')) break
      t.next()
    }
    this.expect(')')
  }

  /** A binding name or pattern; defaults inside count in the current frame. Returns the name when it is a plain identifier. */
  private bindingTarget(): string | undefined {
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
            this.frame.complexity++
            t.next()
            this.assign(undefined, false)
            this.named = undefined
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
      this.frame.complexity++
      this.t.next()
      this.assign(undefined, false)
      this.named = undefined
    }
  }

  /**
   * A property key: identifier (keywords included), string, number, private name or `[computed]`.
   * Returns the name Babel's walk gives a function keyed by it (undefined when it gives none).
   */
  private propertyKey(): string | undefined {
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
          const kind = this.assign(undefined, false)
          this.named = undefined
          const name = kind === IDENT ? this.exprName : kind === LITERAL ? this.literalName() : undefined
          this.expect(']')
          return name
        }
        return bail(`unexpected ${t.value} as a key`)
      default:
        return bail('unexpected key')
    }
  }

  private classDeclaration(): void {
    this.classRest()
  }

  private classRest(): void {
    const t = this.t
    t.next() // class
    if (t.type === 'name' && !t.isName('extends') && !(this.ts && t.isName('implements'))) t.next()
    if (this.ts && t.is('<')) skipTypeParameters(t)
    if (t.isName('extends')) {
      t.next()
      this.subscripts(undefined, false, true)
      this.named = undefined
    }
    if (this.ts && t.isName('implements')) {
      t.next()
      skipType(t)
      while (t.is(',')) {
        t.next()
        skipType(t)
      }
    }
    this.expect('{')
    while (!t.is('}')) {
      if (t.type === 'eof') bail('unterminated class')
      this.classMember()
    }
    t.next()
  }

  /** Whether the current word is a modifier (`static`, `public`…) rather than the member's key. */
  private isModifier(): boolean {
    const t = this.t
    if (t.type !== 'name' || !TS_MODIFIERS.has(t.value) || (!this.ts && t.value !== 'static')) return false
    const next = this.peek()
    const canFollow =
      next.type === 'name' ||
      next.type === 'string' ||
      next.type === 'num' ||
      next.type === 'private' ||
      ['[', '{', '*'].includes(next.value)
    if (!canFollow) return false
    if (next.newlineBefore) bail('line break after a modifier')
    if (next.value === '{' && t.value !== 'static') return false
    return true
  }

  /** Whether the current `async`, `get` or `set` qualifies the key that follows rather than being the key. */
  private qualifiesKey(star: boolean): boolean {
    const next = this.peek()
    const key = next.type === 'name' || next.type === 'string' || next.type === 'num' || next.type === 'private' || next.value === '['
    if (!key && !(star && next.value === '*')) return false
    if (next.newlineBefore) bail('line break after async, get or set')
    return true
  }

  private classMember(): void {
    const t = this.t
    if (t.is(';')) {
      t.next()
      return
    }
    if (t.is('@')) bail('decorator')
    const start = this.position()
    while (this.isModifier()) {
      if (t.value === 'accessor') bail('accessor field')
      if (t.value === 'static' && this.peek().value === '{') {
        t.next()
        this.block()
        return
      }
      t.next()
    }
    if (this.ts && t.is('[') && isIndexSignature(t)) {
      skipBalanced(t)
      this.expect(':')
      skipType(t)
      this.semicolon()
      return
    }
    const { async, generator, accessor } = this.memberModifiers()
    // A computed key belongs to the method in Babel's walk, so it is counted apart until the member's kind is known.
    const mark = this.out.length
    const outer = this.frame
    const head: Frame = { complexity: 0 }
    this.frame = head
    const key = this.propertyKey()
    if (this.ts && (t.is('?') || t.is('!'))) t.next()
    this.frame = outer
    if (t.is('(') || t.is('<')) {
      const fn = this.functionRest(start, key, undefined, generator, mark, head, false)
      if (!fn) this.semicolon()
      return
    }
    outer.complexity += head.complexity
    if (async || generator || accessor) bail('expected a method')
    if (this.ts && t.is(':')) {
      t.next()
      skipType(t)
    }
    if (t.is('=')) {
      t.next()
      const outerGenerator = this.generator
      this.generator = false
      this.assign(key, false)
      this.generator = outerGenerator
      this.named = undefined
    }
    this.semicolon()
  }

  // ---- expressions ----

  private expression(noIn: boolean): number {
    let kind = this.assign(undefined, noIn)
    while (this.t.is(',')) {
      this.unname()
      this.t.next()
      this.assign(undefined, noIn)
      this.named = undefined
      kind = OTHER
    }
    return kind
  }

  /** An AssignmentExpression; `hint` is the name its parent gives it if it turns out to be a function. */
  private assign(hint: string | undefined, noIn: boolean): number {
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
    this.frame.complexity++
    t.next()
    this.assign(undefined, false)
    this.named = undefined
    this.expect(':')
    this.assign(undefined, noIn)
    this.named = undefined
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
  private subscripts(hint: string | undefined, noCalls: boolean, heritage: boolean): number {
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
      this.assign(undefined, false)
      this.named = undefined
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

  /** `x => …`, at the `=>`. */
  private singleParamArrow(hint: string | undefined, start: SourcePosition): number {
    const fn = this.newFunction(start, undefined, hint)
    this.out.push(fn)
    this.arrowBody(fn)
    if (hint !== undefined) this.named = fn
    return ARROW
  }

  private functionExpression(hint: string | undefined, start: SourcePosition): number {
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
      this.assign(undefined, false)
      this.named = undefined
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
  private parenthesized(hint: string | undefined, start: SourcePosition, async: boolean): number {
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
            this.assign(undefined, false)
            this.named = undefined
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
      const kind = this.assign(undefined, false)
      this.named = undefined
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
        const kind = this.assign(undefined, false)
        this.named = undefined
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
  private memberModifiers(): { async: boolean; generator: boolean; accessor: boolean } {
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
      this.assign(undefined, false)
      this.named = undefined
      pattern.count++
      pattern.covers++
      this.pendingCovers++
    }
  }
}

/** The name Babel's walk gives a function keyed by a numeric literal: `String(value)`; none for a BigInt. */
function numberName(raw: string): string | undefined {
  if (raw.endsWith('n')) return undefined
  return String(Number(raw.replaceAll('_', '')))
}
