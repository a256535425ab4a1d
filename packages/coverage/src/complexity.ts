import { createRequire } from 'node:module'
import type { ParserPlugin } from '@babel/parser'
import { scanComplexity } from './scan-complexity.js'
import type { SourcePosition } from './types.js'

/** A function found in the source, with its cyclomatic complexity. */
export interface FunctionComplexity {
  name: string
  start: SourcePosition
  end: SourcePosition
  complexity: number
}

/** Every function of a file, plus the complexity of the code outside functions. */
export interface FileComplexity {
  functions: FunctionComplexity[]
  topLevel: number
  /** Set when the source could not be parsed; complexity then defaults to 1. */
  parseError?: string
}

// Loaded on first use (most files never need it: the scan measures them), and with
// require, not import: Node runs its CommonJS export scanner over a module imported from ESM, and on
// Babel's 500 kB parser that costs more than loading it (~80 ms against ~15 ms, on every thread).
let babel: typeof import('@babel/parser') | undefined
const parser = () => {
  babel ??= createRequire(import.meta.url)('@babel/parser') as typeof import('@babel/parser')
  return babel
}

interface Node {
  type: string
  loc?: { start: SourcePosition; end: SourcePosition }
  [key: string]: unknown
}

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
])
const SKIPPED_KEYS = new Set([
  'loc',
  'start',
  'end',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'typeAnnotation',
  'returnType',
  'typeParameters',
])

/**
 * Cyclomatic complexity of each function in a JS or TS source, counted as ESLint's `complexity`
 * rule counts it: 1 plus each if, ternary, loop, catch, non-default case, `&&`/`||`/`??` (also
 * as assignments), default parameter and optional-chaining link. Nested functions count apart.
 *
 * The fast token scan ({@link scanComplexity}) measures most files; what it does not model (JSX,
 * decorators, syntax errors…) is parsed with Babel, which defines the result either way.
 */
export function measureComplexity(source: string, fileName: string): FileComplexity {
  return scanComplexity(source, fileName) ?? parseComplexity(source, fileName)
}

/** {@link measureComplexity} from Babel's AST alone: the reference the scan is held to. */
export function parseComplexity(source: string, fileName: string): FileComplexity {
  let ast: Node
  try {
    ast = parser().parse(source, {
      sourceType: 'unambiguous',
      errorRecovery: true,
      attachComment: false,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      plugins: pluginsFor(fileName),
    }) as unknown as Node
  } catch (error) {
    return { functions: [], topLevel: 1, parseError: (error as Error).message }
  }
  const functions: FunctionComplexity[] = []
  const top = { complexity: 1 }
  walk(ast, top, functions, undefined)
  return { functions, topLevel: top.complexity }
}

function pluginsFor(fileName: string): ParserPlugin[] {
  if (/\.[mc]?tsx$/.test(fileName)) return ['typescript', 'jsx', 'decorators-legacy']
  if (/\.[mc]?ts$/.test(fileName)) return ['typescript', 'decorators-legacy']
  return ['jsx']
}

function walk(node: Node, current: { complexity: number }, out: FunctionComplexity[], name: string | undefined): void {
  if (FUNCTION_TYPES.has(node.type) && node.loc) {
    const fn: FunctionComplexity = { name: functionName(node, name), start: node.loc.start, end: node.loc.end, complexity: 1 }
    out.push(fn)
    current = fn
  } else {
    current.complexity += decisions(node)
  }
  for (const key of Object.keys(node)) {
    const value = node[key]
    // Most values are positions, names and flags: the cheap type test comes before the set look-up.
    if (typeof value !== 'object' || value === null || SKIPPED_KEYS.has(key)) continue
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, current, out, childName(node, child))
    } else if (typeof (value as Node).type === 'string') {
      walk(value as Node, current, out, childName(node, value as Node))
    }
  }
}

function decisions(node: Node): number {
  switch (node.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'CatchClause':
    case 'LogicalExpression':
    case 'AssignmentPattern':
      return 1
    case 'SwitchCase':
      return node.test ? 1 : 0
    case 'AssignmentExpression':
      return node.operator === '&&=' || node.operator === '||=' || node.operator === '??=' ? 1 : 0
    case 'OptionalMemberExpression':
    case 'OptionalCallExpression':
      return node.optional ? 1 : 0
    default:
      return 0
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string'
}

function keyName(key: unknown): string | undefined {
  if (!isNode(key)) return undefined
  if (key.type === 'Identifier' || key.type === 'PrivateName') return String((key.id as Node | undefined)?.name ?? key.name)
  if (key.type === 'StringLiteral' || key.type === 'NumericLiteral') return String(key.value)
  return undefined
}

/** The name a parent gives a function nested directly in it (`const f = () => …`, `{ f() {} }`). */
function childName(parent: Node, child: Node): string | undefined {
  if (!FUNCTION_TYPES.has(child.type)) return undefined
  switch (parent.type) {
    case 'VariableDeclarator':
      return keyName(parent.id)
    case 'ObjectProperty':
    case 'ClassProperty':
    case 'ClassPrivateProperty':
      return keyName(parent.key)
    case 'AssignmentExpression':
      return isNode(parent.left) && parent.left.type === 'MemberExpression' ? keyName(parent.left.property) : keyName(parent.left)
    case 'ExportDefaultDeclaration':
      return 'default'
    default:
      return undefined
  }
}

function functionName(node: Node, given: string | undefined): string {
  const own = keyName(node.id) ?? (node.type === 'FunctionExpression' ? undefined : keyName(node.key))
  return own ?? given ?? `(anonymous:${node.loc?.start.line ?? 0})`
}
