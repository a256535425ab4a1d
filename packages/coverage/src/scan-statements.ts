import { DeclarationScan } from './scan-declarations.js'
import { IDENT } from './scan-state.js'
import { bail, ScanBail } from './scan-tokens.js'
import { skipType } from './scan-types.js'

/** Statements: blocks, variables, control flow (the decisions of `if`, loops, `case` and `catch`). */
export abstract class StatementScan extends DeclarationScan {
  protected statement(): void {
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

  protected block(): void {
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
}
