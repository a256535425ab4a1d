import { ClassScan } from './scan-classes.js'
import { bail } from './scan-tokens.js'
import { skipBalanced, skipType, skipTypeParameters } from './scan-types.js'

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
/** TypeScript declarations that start with a word that is otherwise an identifier. */
const CONTEXTUAL_DECLARATIONS = new Set(['type', 'interface', 'declare', 'namespace', 'module', 'abstract', 'global'])

/** Module and TypeScript declarations: imports, exports, type aliases, interfaces, namespaces and enums. */
export abstract class DeclarationScan extends ClassScan {
  // A declaration may wrap a statement (`declare`, `export`), in the layer above.
  protected abstract statement(): void

  /** TypeScript declarations that start with a contextual keyword; false when the word is a plain identifier here. */
  protected typeScriptDeclaration(): boolean {
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

  protected enumDeclaration(): void {
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
        this.unnamedAssign()
      }
      if (!t.is(',')) break
      t.next()
    }
    this.expect('}')
  }

  protected importDeclaration(): void {
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

  protected exportDeclaration(): void {
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
}
