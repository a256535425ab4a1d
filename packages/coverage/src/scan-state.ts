import { bail, Tokenizer } from './scan-tokens.js'
import type { SourcePosition } from './types.js'

// The complexity scan is a recursive-descent reader split by grammar area, one class per file, each
// extending the one before (as Babel's own parser is split): this state and its helpers, then
// expressions, functions, classes, declarations, statements, and ComplexityScan on top. A layer
// declares abstract what it calls in a layer above it.

// What an expression turned out to be, as far as naming functions and turning expressions into
// patterns care (`[a = 1] = b`, arrow parameters).
export const OTHER = 0
export const IDENT = 1
export const MEMBER = 2
/** A string or number literal: a computed key names its function after it. */
export const LITERAL = 3
export const OBJECT = 4
export const ARRAY = 5
/** `a = b`: becomes a default (an AssignmentPattern, one decision) when turned into a pattern. */
export const ASSIGN = 6
/** An arrow function not in parentheses: nothing may follow it at its level (Babel's shouldExitDescending). */
export const ARROW = 7

/** A string key with escapes: naming a function after it is left to Babel. */
export const ESCAPED_NAME = '\u0000'

/** What turning an object, array or assignment into a pattern would add. */
export interface Pattern {
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
export interface Fn {
  name: string
  own: string | undefined
  start: SourcePosition
  end: SourcePosition
  complexity: number
}

export interface Frame {
  complexity: number
}

/** What every layer of the scan reads and updates: the tokens, the functions found, the frame counted into. */
export abstract class ScanState {
  protected readonly t: Tokenizer
  protected readonly ts: boolean
  protected readonly out: Fn[] = []
  protected readonly top: Frame = { complexity: 1 }
  protected frame: Frame = this.top
  protected generator = false
  /** The function just named after a hint; unnamed if something turns out to wrap it. */
  protected named: Fn | undefined
  /** Name of the last identifier, member property or literal expression (a number literal's raw text). */
  protected exprName: string | undefined
  /** Whether the last literal was a number. */
  protected exprNumber = false
  /** Pattern information of the last object, array or assignment expression. */
  protected pat: Pattern | undefined
  protected pendingCovers = 0

  constructor(source: string, ts: boolean) {
    this.t = new Tokenizer(source)
    this.ts = ts
  }

  protected expect(p: string): void {
    if (!this.t.is(p)) bail(`expected ${p}, found ${this.t.value || this.t.type}`)
    this.t.next()
  }

  protected semicolon(): void {
    const t = this.t
    if (t.is(';')) t.next()
    else if (!(t.is('}') || t.type === 'eof' || t.newlineBefore)) bail('missing semicolon')
  }

  protected position(): SourcePosition {
    return { line: this.t.startLine, column: this.t.startCol }
  }

  /** The token after the current one, without moving. */
  protected peek(): { type: string; value: string; newlineBefore: boolean } {
    const t = this.t
    const saved = t.save()
    const endLine = t.lastEndLine
    const endCol = t.lastEndCol
    t.next()
    const next = { type: t.type, value: t.value, newlineBefore: t.newlineBefore }
    t.restore(saved, endLine, endCol)
    return next
  }

  protected newFunction(start: SourcePosition, own: string | undefined, given: string | undefined): Fn {
    const name = own ?? given ?? `(anonymous:${start.line})`
    if (name === ESCAPED_NAME) bail('function named after an escaped string')
    return { name, own, start, end: start, complexity: 1 }
  }

  /** Withdraws the name a function got from its parent, now that it turns out not to be the parent's direct child. */
  protected unname(fn = this.named): void {
    if (fn) fn.name = fn.own ?? `(anonymous:${fn.start.line})`
    if (fn === this.named) this.named = undefined
  }

  /** The name a function keyed by the last literal gets: a string's value, a number's `String(value)`. */
  protected literalName(): string | undefined {
    return this.exprNumber ? numberName(this.exprName ?? '') : this.exprName
  }

  /** Turns an expression into a pattern: the defaults it creates, counted by the caller. */
  protected convert(kind: number, pattern: Pattern | undefined, binding: boolean): number {
    if (kind === IDENT || (kind === MEMBER && !binding)) return 0
    if ((kind !== OBJECT && kind !== ARRAY && kind !== ASSIGN) || !pattern?.ok) return bail('not a pattern')
    if (pattern.renamed) for (const fn of pattern.renamed) this.unname(fn)
    this.pendingCovers -= pattern.covers
    return pattern.count
  }

  protected addTo(into: Pattern, kind: number, pattern: Pattern | undefined): void {
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
}

/** The name Babel's walk gives a function keyed by a numeric literal: `String(value)`; none for a BigInt. */
export function numberName(raw: string): string | undefined {
  if (raw.endsWith('n')) return undefined
  return String(Number(raw.replaceAll('_', '')))
}
