import { bail, ScanBail, type Tokenizer } from './scan-tokens.js'

// Skipping TypeScript types for the complexity scan. Types never add to a function's complexity
// (the Babel walk skips type annotations, and types hold no decisions or functions), so all the
// scan needs is where a type ends, decided as Babel decides it. Whatever does not look like a type
// fails the scan, and Babel takes the file.

/** Tokens that never occur in a type: meeting one means the scan misread the code. */
const NOT_IN_TYPES = new Set([
  '&&',
  '||',
  '??',
  '?.',
  '=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '**=',
  '<<=',
  '>>=',
  '>>>=',
  '&=',
  '|=',
  '^=',
  '&&=',
  '||=',
  '??=',
  '++',
  '--',
  '!',
  '!=',
  '!==',
  '==',
  '===',
  '/',
  '%',
  '*',
  '**',
  '~',
  '^',
  '@',
  '<=',
  '>=',
])

const expect = (t: Tokenizer, p: string) => {
  if (!t.is(p)) bail(`expected ${p} in a type`)
  t.next()
}

/** Consumes one `>`, splitting `>>`, `>>>` or `>=` as TypeScript does inside type arguments. */
export function expectGreater(t: Tokenizer): void {
  if (t.type !== 'punct' || t.value[0] !== '>') bail('expected > in a type')
  if (t.value === '>') t.next()
  else t.splitGreater()
}

/** Skips a type: `T`, `A | B`, `(a: T) => U`, `A extends B ? C : D`, … */
export function skipType(t: Tokenizer, noConditional = false): void {
  skipNonConditional(t)
  if (noConditional || t.newlineBefore || !t.isName('extends')) return
  t.next()
  skipNonConditional(t)
  expect(t, '?')
  skipType(t)
  expect(t, ':')
  skipType(t)
}

/** Skips a return type, which may also be a type predicate (`x is T`, `asserts x`, `asserts x is T`). */
export function skipReturnType(t: Tokenizer): void {
  if (t.type === 'name') {
    const saved = t.save()
    const endLine = t.lastEndLine
    const endCol = t.lastEndCol
    const asserts = t.value === 'asserts'
    t.next()
    if (asserts && t.type === 'name' && !t.newlineBefore) {
      t.next()
      if (t.isName('is') && !t.newlineBefore) {
        t.next()
        skipType(t)
      }
      return
    }
    if (t.isName('is') && !t.newlineBefore) {
      t.next()
      skipType(t)
      return
    }
    t.restore(saved, endLine, endCol)
  }
  skipType(t)
}

/** Skips `<A, B<C>>` after a type name, a call or a class heritage. */
export function skipTypeArguments(t: Tokenizer): void {
  expect(t, '<')
  for (;;) {
    skipType(t)
    if (!t.is(',')) break
    t.next()
    if (t.type === 'punct' && t.value[0] === '>') break
  }
  expectGreater(t)
}

/** Skips `<T extends U = V, const W>` after a function, class, interface or type alias name. */
export function skipTypeParameters(t: Tokenizer): void {
  expect(t, '<')
  for (;;) {
    while ((t.isName('in') || t.isName('out') || t.isName('const')) && nextIsName(t)) t.next()
    if (t.type !== 'name') bail('expected a type parameter')
    t.next()
    if (t.isName('extends')) {
      t.next()
      skipType(t)
    }
    if (t.is('=')) {
      t.next()
      skipType(t)
    }
    if (!t.is(',')) break
    t.next()
    if (t.at('punct') && t.value[0] === '>') break
  }
  expectGreater(t)
}

function nextIsName(t: Tokenizer): boolean {
  const saved = t.save()
  const endLine = t.lastEndLine
  const endCol = t.lastEndCol
  t.next()
  const name = t.type === 'name'
  t.restore(saved, endLine, endCol)
  return name
}

function skipNonConditional(t: Tokenizer): void {
  if (t.is('<')) {
    skipTypeParameters(t)
    skipFunctionTypeRest(t)
    return
  }
  if (t.is('(') && isFunctionType(t)) {
    skipFunctionTypeRest(t)
    return
  }
  if (t.isName('new') || (t.isName('abstract') && nextIsName(t))) {
    if (t.isName('abstract')) t.next()
    if (!t.isName('new')) bail('expected new in a constructor type')
    t.next()
    if (t.is('<')) skipTypeParameters(t)
    skipFunctionTypeRest(t)
    return
  }
  if (t.is('|') || t.is('&')) t.next()
  skipTypeOperator(t)
  while (t.is('|') || t.is('&')) {
    t.next()
    skipTypeOperator(t)
  }
}

function skipFunctionTypeRest(t: Tokenizer): void {
  if (!t.is('(')) bail('expected ( in a function type')
  skipBalanced(t)
  expect(t, '=>')
  skipReturnType(t)
}

/** At `(`: whether the matching `)` is followed by `=>` (a function type) rather than being a parenthesized type. */
function isFunctionType(t: Tokenizer): boolean {
  const saved = t.save()
  const endLine = t.lastEndLine
  const endCol = t.lastEndCol
  skipBalanced(t)
  const arrow = t.is('=>')
  t.restore(saved, endLine, endCol)
  return arrow
}

function skipTypeOperator(t: Tokenizer): void {
  if (t.type === 'name') {
    if (t.value === 'keyof' || t.value === 'unique' || t.value === 'readonly') {
      t.next()
      skipTypeOperator(t)
      return
    }
    if (t.value === 'infer') {
      t.next()
      if (t.type !== 'name') bail('expected a name after infer')
      t.next()
      if (t.isName('extends')) bail('infer with a constraint')
      return
    }
  }
  skipPrimaryType(t)
  while (!t.newlineBefore && t.is('[')) skipBalanced(t)
}

function skipPrimaryType(t: Tokenizer): void {
  switch (t.type) {
    case 'name': {
      if (t.value === 'import') {
        t.next()
        if (!t.is('(')) bail('expected ( after import in a type')
        skipBalanced(t)
      } else {
        const isTypeof = t.value === 'typeof'
        t.next()
        if (isTypeof) {
          if (t.isName('import')) {
            skipPrimaryType(t)
            return
          }
          if (t.type !== 'name') bail('expected a name after typeof')
          t.next()
        }
      }
      while (t.is('.')) {
        t.next()
        if (t.type !== 'name') bail('expected a name after . in a type')
        t.next()
      }
      if (!t.newlineBefore && t.is('<')) skipTypeArguments(t)
      return
    }
    case 'string':
    case 'num':
      t.next()
      return
    case 'template':
      while (!t.templateTail) {
        t.next()
        skipType(t)
        if (!t.is('}')) bail('expected } in a template literal type')
        t.continueTemplate()
      }
      t.next()
      return
    case 'punct':
      if (t.value === '-') {
        t.next()
        if (!t.at('num')) bail('expected a number after - in a type')
        t.next()
        return
      }
      if (t.value === '{' || t.value === '[') {
        skipBalanced(t)
        return
      }
      if (t.value === '(') {
        t.next()
        skipType(t)
        expect(t, ')')
        return
      }
      throw new ScanBail(`unexpected ${t.value} in a type`)
    default:
      bail(`unexpected ${t.type} in a type`)
  }
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' }

/**
 * Skips from the current `(`, `[` or `{` past its match, following nested brackets and template
 * substitutions. In an interface body (`members`) a computed key is left to Babel: Babel walks
 * interface members, so a decision there would count, and the scan does not parse them.
 */
export function skipBalanced(t: Tokenizer, members = false): void {
  const stack: string[] = [CLOSER[t.value] ?? bail('expected a bracket')]
  let memberStart = true
  // Inside <…> (type parameters of a method signature), `=` gives a default type, not a value.
  let angles = 0
  t.next()
  while (stack.length > 0) {
    if (t.type === 'eof') bail('unbalanced brackets in a type')
    if (t.type === 'template') {
      if (!t.templateTail) stack.push('T')
    } else if (t.type === 'punct') {
      const v = t.value
      const close = CLOSER[v]
      if (close !== undefined) {
        if (members && stack.length === 1 && v === '[' && (memberStart || t.newlineBefore) && !isIndexSignature(t) && !isPlainKey(t)) {
          bail('computed key in an interface')
        }
        stack.push(close)
      } else if (v === ')' || v === ']' || v === '}') {
        const top = stack.pop()
        if (top === 'T' && v === '}') {
          t.continueTemplate()
          if (!t.templateTail) stack.push('T')
        } else if (top !== v) {
          bail('unbalanced brackets in a type')
        }
      } else if (v === '<') {
        angles++
      } else if (v === '>' || v === '>>' || v === '>>>') {
        angles = Math.max(0, angles - v.length)
      } else if (NOT_IN_TYPES.has(v) && !(v === '=' && angles > 0)) {
        bail(`${v} in a type`)
      }
      memberStart = stack.length === 1 && (v === ';' || v === ',' || v === '{')
    } else {
      memberStart = false
    }
    t.next()
  }
}

/** At `[` in a type literal, interface or class body: whether this is `[key: T]`, an index signature. */
export function isIndexSignature(t: Tokenizer): boolean {
  const saved = t.save()
  const endLine = t.lastEndLine
  const endCol = t.lastEndCol
  t.next()
  let index = false
  if (t.type === 'name') {
    t.next()
    index = t.is(':')
  }
  t.restore(saved, endLine, endCol)
  return index
}

/** At `[` in an interface: whether the key is `[a.b.c]` or `['a']`, which holds nothing to count. */
function isPlainKey(t: Tokenizer): boolean {
  const saved = t.save()
  const endLine = t.lastEndLine
  const endCol = t.lastEndCol
  t.next()
  let plain = false
  if (t.at('string')) {
    t.next()
    plain = t.is(']')
  } else if (t.at('name')) {
    t.next()
    while (t.is('.')) {
      t.next()
      if (!t.at('name')) break
      t.next()
    }
    plain = t.is(']')
  }
  t.restore(saved, endLine, endCol)
  return plain
}
