import { FunctionScan } from './scan-functions.js'
import type { Frame } from './scan-state.js'
import { bail } from './scan-tokens.js'
import { isIndexSignature, skipBalanced, skipType, skipTypeParameters } from './scan-types.js'

const TS_MODIFIERS = new Set(['public', 'private', 'protected', 'readonly', 'abstract', 'override', 'declare', 'static', 'accessor'])

/** Classes: heritage, and members with their modifiers, methods, fields and static blocks. */
export abstract class ClassScan extends FunctionScan {
  protected classDeclaration(): void {
    this.classRest()
  }

  protected classRest(): void {
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
  protected qualifiesKey(star: boolean): boolean {
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
}
