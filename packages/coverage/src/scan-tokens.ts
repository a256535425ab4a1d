/**
 * Thrown when the fast complexity scan meets something it does not model (JSX, decorators,
 * non-ASCII identifiers, ambiguous TypeScript, a syntax error…): the caller then parses with Babel.
 * Not an Error: the scan also throws it to back out of guesses (is this `<` a type argument?), and
 * capturing a stack trace each time would cost more than the guess.
 */
export class ScanBail {
  constructor(readonly reason: string) {}
}

export function bail(why: string): never {
  throw new ScanBail(why)
}

/** Token kinds. Punctuators and names keep their text in `value`. */
export type TokenType = 'name' | 'num' | 'string' | 'template' | 'regex' | 'punct' | 'private' | 'eof'

/** A saved tokenizer position, to look ahead and come back. */
export type TokenizerState = readonly [number, number, number, TokenType, string, number, number, number, number, number, boolean, boolean]

/** Single-character punctuators, by character code. */
const PUNCT_1: (string | undefined)[] = new Array(128).fill(undefined)
for (const p of ['{', '}', '(', ')', '[', ']', ';', ',', '~', ':', '@']) PUNCT_1[p.charCodeAt(0)] = p

const isIdentStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x24 || c === 0x5f
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 0x30 && c <= 0x39)
const isDigit = (c: number) => c >= 0x30 && c <= 0x39

/**
 * A JavaScript/TypeScript tokenizer for the complexity scan: one token at a time, positions as
 * Babel reports them (1-based lines, 0-based UTF-16 columns). It leaves the choices that depend on
 * the grammar to the parser: `/` is division until the parser asks for a regular expression, and a
 * template continues after `}` only when the parser says so.
 */
export class Tokenizer {
  readonly src: string
  private readonly length: number
  pos = 0
  line = 1
  lineStart = 0

  type: TokenType = 'eof'
  value = ''
  start = 0
  startLine = 1
  startCol = 0
  endLine = 1
  endCol = 0
  /** A line break lies between the previous token and this one (for ASI and "no line break here" rules). */
  newlineBefore = false
  /** For a template token: whether it ends the template (`` ` ``) rather than opening a `${`. */
  templateTail = false
  /** End of the token before the current one: where a node that ends there ends. */
  lastEndLine = 1
  lastEndCol = 0

  constructor(src: string) {
    this.src = src
    this.length = src.length
    // Babel counts \r, \u2028 and \u2029 as line breaks too; rather than follow it there, such files go to Babel.
    if (src.includes('\u2028') || src.includes('\u2029') || (src.includes('\r') && /\r(?!\n)/.test(src))) bail('unusual line terminators')
    if (src.charCodeAt(0) === 0x23 && src.charCodeAt(1) === 0x21) {
      // #! line: Babel's interpreter directive, not code.
      while (this.pos < this.length && src.charCodeAt(this.pos) !== 0x0a) this.pos++
    }
    this.next()
  }

  save(): TokenizerState {
    return [
      this.pos,
      this.line,
      this.lineStart,
      this.type,
      this.value,
      this.start,
      this.startLine,
      this.startCol,
      this.endLine,
      this.endCol,
      this.newlineBefore,
      this.templateTail,
    ]
  }

  restore(s: TokenizerState, lastEndLine: number, lastEndCol: number): void {
    ;[
      this.pos,
      this.line,
      this.lineStart,
      this.type,
      this.value,
      this.start,
      this.startLine,
      this.startCol,
      this.endLine,
      this.endCol,
      this.newlineBefore,
      this.templateTail,
    ] = s
    this.lastEndLine = lastEndLine
    this.lastEndCol = lastEndCol
  }

  /** Whether the current token is of `type` (a method, so that TypeScript does not keep a narrowing across next()). */
  at(type: TokenType): boolean {
    return this.type === type
  }

  /** Whether the current token is the punctuator `p`. */
  is(p: string): boolean {
    return this.type === 'punct' && this.value === p
  }

  /** Whether the current token is the name (identifier or keyword) `n`. */
  isName(n: string): boolean {
    return this.type === 'name' && this.value === n
  }

  next(): void {
    this.lastEndLine = this.endLine
    this.lastEndCol = this.endCol
    this.newlineBefore = false
    this.skipSpace()
    this.start = this.pos
    this.startLine = this.line
    this.startCol = this.pos - this.lineStart
    if (this.pos >= this.length) {
      this.type = 'eof'
      this.value = ''
    } else {
      this.readToken(this.src.charCodeAt(this.pos))
    }
    this.endLine = this.line
    this.endCol = this.pos - this.lineStart
  }

  /** The first character code after the current token, past spaces and comments (Babel's lookaheadCharCode). */
  peekChar(): number {
    const saved = [this.pos, this.line, this.lineStart, this.newlineBefore] as const
    this.skipSpace()
    const c = this.pos < this.length ? this.src.charCodeAt(this.pos) : -1
    ;[this.pos, this.line, this.lineStart, this.newlineBefore] = saved
    return c
  }

  /** The word (identifier or keyword) right after the current token, or '' when the next token is no word; moves nothing. */
  peekWord(): string {
    const src = this.src
    let pos = this.pos
    for (;;) {
      const c = src.charCodeAt(pos)
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
        pos++
      } else if (c === 0x2f && (src.charCodeAt(pos + 1) === 0x2a || src.charCodeAt(pos + 1) === 0x2f)) {
        const end = src.charCodeAt(pos + 1) === 0x2a ? src.indexOf('*/', pos + 2) + 2 : src.indexOf('\n', pos)
        if (end < pos) return ''
        pos = end
      } else {
        break
      }
    }
    const start = pos
    if (!isIdentStart(src.charCodeAt(pos))) return ''
    while (isIdentPart(src.charCodeAt(pos))) pos++
    return src.slice(start, pos)
  }

  /** Splits a `>>`, `>>>`, `>=`… token at its first `>`, as types need (`Array<Array<T>>`). */
  splitGreater(): void {
    this.value = this.value.slice(1)
    this.start++
    this.startCol++
  }

  /** Reads the current `/` or `/=` token again as a regular expression (the parser expects an operand). */
  rescanRegex(): void {
    const src = this.src
    let pos = this.start + 1
    let inClass = false
    for (;;) {
      if (pos >= this.length) bail('unterminated regexp')
      const c = src.charCodeAt(pos)
      if (c === 0x0a || c === 0x0d) bail('unterminated regexp')
      pos++
      if (c === 0x5c) pos++
      else if (c === 0x5b) inClass = true
      else if (c === 0x5d) inClass = false
      else if (c === 0x2f && !inClass) break
    }
    while (pos < this.length && isIdentPart(src.charCodeAt(pos))) pos++
    this.pos = pos
    this.type = 'regex'
    this.value = ''
    this.endLine = this.line
    this.endCol = pos - this.lineStart
  }

  /** After the `}` that closes a template's `${…}`, reads the rest of the template up to its next `${` or its end. */
  continueTemplate(): void {
    this.readTemplate(this.start + 1)
    this.endLine = this.line
    this.endCol = this.pos - this.lineStart
  }

  private newline(at: number): void {
    this.line++
    this.lineStart = at + 1
  }

  private skipSpace(): void {
    const src = this.src
    for (;;) {
      const c = src.charCodeAt(this.pos)
      if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff) {
        this.pos++
      } else if (c === 0x0a) {
        this.newline(this.pos)
        this.newlineBefore = true
        this.pos++
      } else if (c === 0x0d) {
        this.pos++
      } else if (c === 0x2f) {
        const d = src.charCodeAt(this.pos + 1)
        if (d === 0x2f) {
          this.pos += 2
          while (this.pos < this.length && src.charCodeAt(this.pos) !== 0x0a) this.pos++
        } else if (d === 0x2a) {
          const end = src.indexOf('*/', this.pos + 2)
          if (end < 0) bail('unterminated comment')
          for (let i = src.indexOf('\n', this.pos + 2); i >= 0 && i < end; i = src.indexOf('\n', i + 1)) {
            this.newline(i)
            this.newlineBefore = true
          }
          this.pos = end + 2
        } else {
          return
        }
      } else if (c > 0x7f) {
        // Other Unicode spaces, or a non-ASCII identifier: rare enough to leave to Babel.
        bail('non-ASCII outside strings and comments')
      } else {
        return
      }
    }
  }

  private readToken(c: number): void {
    const src = this.src
    if (isIdentStart(c)) {
      let end = this.pos + 1
      while (end < this.length) {
        const d = src.charCodeAt(end)
        if (isIdentPart(d)) end++
        else if (d === 0x5c || d > 0x7f) bail('escaped or non-ASCII identifier')
        else break
      }
      this.type = 'name'
      this.value = src.slice(this.pos, end)
      this.pos = end
      return
    }
    if (isDigit(c) || (c === 0x2e && isDigit(src.charCodeAt(this.pos + 1)))) {
      this.readNumber(c)
      return
    }
    if (c === 0x22 || c === 0x27) {
      this.readString(c)
      return
    }
    if (c === 0x60) {
      this.readTemplate(this.pos + 1)
      return
    }
    if (c === 0x23) {
      const d = src.charCodeAt(this.pos + 1)
      if (!isIdentStart(d)) bail('# not followed by a name')
      let end = this.pos + 2
      while (end < this.length && isIdentPart(src.charCodeAt(end))) end++
      if (src.charCodeAt(end) === 0x5c || src.charCodeAt(end) > 0x7f) bail('escaped or non-ASCII private name')
      this.type = 'private'
      this.value = src.slice(this.pos + 1, end)
      this.pos = end
      return
    }
    if (c === 0x5c) bail('escaped identifier')
    this.type = 'punct'
    const single = PUNCT_1[c]
    if (single !== undefined) {
      this.value = single
      this.pos++
      return
    }
    this.value = this.readOperator(c)
    this.pos += this.value.length
  }

  private readOperator(c: number): string {
    const src = this.src
    const p = this.pos
    const c1 = src.charCodeAt(p + 1)
    const c2 = src.charCodeAt(p + 2)
    switch (c) {
      case 0x2e: // .
        return c1 === 0x2e && c2 === 0x2e ? '...' : '.'
      case 0x3f: // ?
        if (c1 === 0x2e && !isDigit(c2)) return '?.'
        if (c1 === 0x3f) return c2 === 0x3d ? '??=' : '??'
        return '?'
      case 0x3d: // =
        if (c1 === 0x3e) return '=>'
        if (c1 === 0x3d) return c2 === 0x3d ? '===' : '=='
        return '='
      case 0x21: // !
        if (c1 === 0x3d) return c2 === 0x3d ? '!==' : '!='
        return '!'
      case 0x3c: // <
        if (c1 === 0x21 && c2 === 0x2d) bail('HTML comment')
        if (c1 === 0x3c) return c2 === 0x3d ? '<<=' : '<<'
        return c1 === 0x3d ? '<=' : '<'
      case 0x3e: // >
        if (c1 === 0x3e) {
          if (c2 === 0x3e) return src.charCodeAt(p + 3) === 0x3d ? '>>>=' : '>>>'
          return c2 === 0x3d ? '>>=' : '>>'
        }
        return c1 === 0x3d ? '>=' : '>'
      case 0x2b: // +
        return c1 === 0x2b ? '++' : c1 === 0x3d ? '+=' : '+'
      case 0x2d: // -
        if (c1 === 0x2d) {
          if (c2 === 0x3e && this.newlineBefore) bail('HTML comment')
          return '--'
        }
        return c1 === 0x3d ? '-=' : '-'
      case 0x2a: // *
        if (c1 === 0x2a) return c2 === 0x3d ? '**=' : '**'
        return c1 === 0x3d ? '*=' : '*'
      case 0x2f: // /
        return c1 === 0x3d ? '/=' : '/'
      case 0x25: // %
        return c1 === 0x3d ? '%=' : '%'
      case 0x26: // &
        if (c1 === 0x26) return c2 === 0x3d ? '&&=' : '&&'
        return c1 === 0x3d ? '&=' : '&'
      case 0x7c: // |
        if (c1 === 0x7c) return c2 === 0x3d ? '||=' : '||'
        return c1 === 0x3d ? '|=' : '|'
      case 0x5e: // ^
        return c1 === 0x3d ? '^=' : '^'
      default:
        return bail(`unexpected character ${c}`)
    }
  }

  private readNumber(c: number): void {
    const src = this.src
    let end = this.pos
    const next = src.charCodeAt(end + 1)
    // Legacy octal (010) means 8 to Babel; such keys and literals go to Babel rather than be converted here.
    if (c === 0x30 && isDigit(next)) bail('legacy octal literal')
    while (end < this.length) {
      const d = src.charCodeAt(end)
      if (isIdentPart(d) || d === 0x2e) end++
      else if ((d === 0x2b || d === 0x2d) && (src.charCodeAt(end - 1) | 0x20) === 0x65 && !/^0[xX]/.test(src.slice(this.pos, end))) end++
      else break
    }
    const text = src.slice(this.pos, end)
    if (!/^(?:0[xX][\da-fA-F_]+n?|0[oO][0-7_]+n?|0[bB][01_]+n?|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?n?)$/.test(text)) {
      bail('unusual number')
    }
    this.type = 'num'
    this.value = text
    this.pos = end
  }

  private readString(quote: number): void {
    const src = this.src
    let pos = this.pos + 1
    for (;;) {
      if (pos >= this.length) bail('unterminated string')
      const c = src.charCodeAt(pos)
      if (c === quote) break
      if (c === 0x0a) bail('line break in string')
      if (c === 0x5c) {
        const d = src.charCodeAt(pos + 1)
        if (d === 0x0d && src.charCodeAt(pos + 2) === 0x0a) {
          this.newline(pos + 2)
          pos += 3
          continue
        }
        if (d === 0x0a) this.newline(pos + 1)
        pos += 2
        continue
      }
      pos++
    }
    this.type = 'string'
    this.value = src.slice(this.pos + 1, pos)
    this.pos = pos + 1
  }

  /** Reads template text from `from` to the closing backtick (a tail) or to a `${` (then the parser reads the expression). */
  private readTemplate(from: number): void {
    const src = this.src
    let pos = from
    for (;;) {
      if (pos >= this.length) bail('unterminated template')
      const c = src.charCodeAt(pos)
      if (c === 0x60) {
        this.templateTail = true
        pos++
        break
      }
      if (c === 0x24 && src.charCodeAt(pos + 1) === 0x7b) {
        this.templateTail = false
        pos += 2
        break
      }
      if (c === 0x5c) {
        if (src.charCodeAt(pos + 1) === 0x0a) this.newline(pos + 1)
        pos += 2
        continue
      }
      if (c === 0x0a) this.newline(pos)
      pos++
    }
    this.type = 'template'
    this.value = ''
    this.pos = pos
  }
}
