import { type AstNode, functionName, isStaticExpression, parseSource, walk } from './ast-walk.js'
import type { FunctionHints } from './child-protocol.js'
import { docExamples } from './doc-examples.js'
import { CALLBACKS } from './input-pool.js'
import { type TypedValues, valuesForType } from './mine-types.js'
import { propertyKey, quote } from './serialise-value.js'

/** Values mined from one module's source. */
export interface MinedInputs {
  /** Values for any parameter, most specific first (doc examples, compared constants, literals). */
  mined: string[]
  /** Per function (by simple name): arity and values for each parameter position. */
  hints: Record<string, FunctionHints>
}

const FUNCTIONS = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ClassMethod',
  'ObjectMethod',
  'TSDeclareFunction',
])
const MAX_MINED = 60
const MAX_PER_PARAM = 10

/** Mines argument values from JS or TS source text (see `MinedInputs`). */
export function mineInputs(source: string, typescript: boolean): MinedInputs {
  const { program, comments } = parseSource(source, typescript)
  const docs = docExamples(comments, source)
  const strings: string[] = []
  const numbers: string[] = []
  const others: string[] = []
  const compared = new Map<string, string[]>()
  const members = new Map<string, Map<string, string[]>>()
  const declared = new Map<string, AstNode>()
  const add = (map: Map<string, string[]>, key: string, value: string) => map.set(key, [...(map.get(key) ?? []), value])
  walk(program, (node, parent) => {
    if (node.type === 'TSInterfaceDeclaration' || node.type === 'TSTypeAliasDeclaration') declared.set(node.id.name, node)
    if (node.type === 'StringLiteral' && !isModuleSpecifier(parent) && node.value.length <= 80) strings.push(quote(node.value))
    if (node.type === 'TemplateLiteral' && node.expressions.length === 0) strings.push(quote(node.quasis[0]?.value.cooked ?? ''))
    if (node.type === 'NumericLiteral')
      numbers.push(parent?.type === 'UnaryExpression' && parent.operator === '-' ? `-${node.value}` : String(node.value))
    if (node.type === 'BigIntLiteral') others.push(`${node.value}n`)
    if (node.type === 'RegExpLiteral') others.push(source.slice(node.start, node.end))
    if ((node.type === 'ObjectProperty' || node.type === 'ObjectMethod') && !node.computed && node.key.type === 'Identifier')
      strings.push(quote(node.key.name))
    if (node.type === 'BinaryExpression') mineComparison(node, source, compared, members, add, numbers)
    if (node.type === 'SwitchStatement' && node.discriminant.type === 'Identifier') {
      for (const c of node.cases)
        if (c.test && isStaticExpression(c.test)) add(compared, node.discriminant.name, source.slice(c.test.start, c.test.end))
    }
  })
  const generic = ['0', '1', '-1', '2', '10', '0.5']
  const pools: TypedValues = {
    string: unique([...docs.filter((d) => d.startsWith("'")), ...strings]).slice(0, 16),
    number: unique([...docs.filter((d) => /^-?\d/.test(d)), ...numbers, ...generic]).slice(0, 16),
    boolean: ['true', 'false'],
    declared,
  }
  if (pools.string.length === 0) pools.string = ["'abc'", "''"]
  const comparedValues = [...compared.values()].flat()
  const hints: Record<string, FunctionHints> = {}
  walk(program, (node, parent) => {
    if (!FUNCTIONS.has(node.type)) return
    const name = functionName(node, parent)
    if (!name || hints[name]) return
    hints[name] = {
      arity: node.params.length,
      params: node.params.map((p: AstNode) => unique(paramValues(p, source, pools, compared, members)).slice(0, MAX_PER_PARAM)),
    }
  })
  const mined = unique([...docs, ...comparedValues, ...strings, ...numbers, ...others]).slice(0, MAX_MINED)
  return { mined, hints }
}

function paramValues(
  param: AstNode,
  source: string,
  pools: TypedValues,
  compared: Map<string, string[]>,
  members: Map<string, Map<string, string[]>>,
): string[] {
  let p = param.type === 'TSParameterProperty' ? param.parameter : param
  const out: string[] = []
  if (p.type === 'AssignmentPattern') {
    if (isStaticExpression(p.right)) out.push(source.slice(p.right.start, p.right.end))
    p = p.left
  }
  if (p.type === 'RestElement') p = p.argument
  if (p.type === 'Identifier') {
    out.push(...(compared.get(p.name) ?? []))
    const keyed = members.get(p.name)
    if (keyed) out.push(...objectVariants(keyed))
  }
  if (p.type === 'ObjectPattern') {
    const keys = p.properties
      .filter((q: AstNode) => q.type === 'ObjectProperty' && q.key.type === 'Identifier')
      .map((q: AstNode) => q.key.name)
    out.push(...objectVariants(new Map(keys.map((k: string, i: number) => [k, [pools.string[i % pools.string.length] as string, '1']]))))
  }
  out.push(...valuesForType(p.typeAnnotation ?? param.typeAnnotation, pools))
  if (/^(cb|callback|fn|done|next|handler|listener|iteratee|predicate|compare|comparator|reviver|replacer)$/i.test(p.name ?? '')) {
    out.push(...CALLBACKS)
  }
  return out
}

/** `opts.mode === 'fast'` and `opts.size > 3` make `{ mode: 'fast', size: 3 }`-style options objects. */
function objectVariants(keyed: Map<string, string[]>): string[] {
  const entries = [...keyed]
  const width = Math.max(...entries.map(([, v]) => v.length))
  const out: string[] = []
  for (let i = 0; i < Math.min(width, 4); i++) {
    out.push(`{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${v[i % v.length]}`).join(', ')} }`)
  }
  return out
}

const TYPEOF_VALUES: Record<string, string[]> = {
  number: ['1', '0', '-1.5'],
  string: ["'abc'", "''"],
  boolean: ['true', 'false'],
  function: [...CALLBACKS],
  object: ['{}', '{ a: 1 }', '[]', 'null'],
  undefined: ['undefined'],
  bigint: ['1n'],
}

function mineComparison(
  node: AstNode,
  source: string,
  compared: Map<string, string[]>,
  members: Map<string, Map<string, string[]>>,
  add: (map: Map<string, string[]>, key: string, value: string) => void,
  numbers: string[],
): void {
  const relational = ['<', '>', '<=', '>='].includes(node.operator)
  if (!['===', '==', '!==', '!=', ...(relational ? [node.operator] : [])].includes(node.operator)) return
  for (const [side, other] of [
    [node.left, node.right],
    [node.right, node.left],
  ] as AstNode[][]) {
    const target = side as AstNode
    const value = other as AstNode
    if (target.type === 'UnaryExpression' && target.operator === 'typeof' && value.type === 'StringLiteral') {
      if (target.argument.type === 'Identifier') for (const v of TYPEOF_VALUES[value.value] ?? []) add(compared, target.argument.name, v)
      continue
    }
    if (!isStaticExpression(value)) continue
    const code = source.slice(value.start, value.end)
    // Either side of a boundary is a branch: mine n - 1, n and n + 1.
    const near = relational && value.type === 'NumericLiteral' ? [code, String(value.value - 1), String(value.value + 1)] : [code]
    if (relational) numbers.push(...near)
    if (target.type === 'Identifier') for (const v of near) add(compared, target.name, v)
    if (
      target.type === 'MemberExpression' &&
      target.object.type === 'Identifier' &&
      !target.computed &&
      target.property.type === 'Identifier'
    ) {
      const keyed = members.get(target.object.name) ?? new Map<string, string[]>()
      members.set(target.object.name, keyed)
      if (target.property.name === 'length') continue
      for (const v of near) add(keyed, target.property.name, v)
    }
  }
}

function isModuleSpecifier(parent: AstNode | undefined): boolean {
  if (!parent) return false
  if (parent.type === 'ImportDeclaration' || parent.type === 'ExportAllDeclaration' || parent.type === 'ExportNamedDeclaration') return true
  if (parent.type === 'ImportExpression') return true
  return parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'require'
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
