import { parse } from '@babel/parser'

/**
 * A Babel AST node, loosely typed: this package does not depend on @babel/types, and mining only
 * reads a few well-known fields.
 */
// biome-ignore lint/suspicious/noExplicitAny: Babel nodes are read structurally; @babel/types is not a dependency.
export type AstNode = { type: string; start: number; end: number; [field: string]: any }

const SKIP = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range'])

/** Parses JS or TS source leniently (modules or scripts, JSX, TS when asked). */
export function parseSource(code: string, typescript: boolean): { program: AstNode; comments: AstNode[] } {
  const file = parse(code, {
    sourceType: 'unambiguous',
    allowReturnOutsideFunction: true,
    allowImportExportEverywhere: true,
    errorRecovery: true,
    plugins: typescript ? ['typescript', 'jsx'] : ['jsx'],
  }) as unknown as AstNode
  return { program: file.program as AstNode, comments: (file.comments ?? []) as AstNode[] }
}

/** Visits every node depth-first with its parent. */
export function walk(node: AstNode, visit: (node: AstNode, parent: AstNode | undefined) => void, parent?: AstNode): void {
  visit(node, parent)
  for (const key of Object.keys(node)) {
    if (SKIP.has(key)) continue
    const child = node[key]
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) walk(item, visit, node)
    } else if (isNode(child)) walk(child, visit, node)
  }
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

/** Whether an expression is built only from literals (safe to copy into a test as a value). */
export function isStaticExpression(node: AstNode | null | undefined): boolean {
  if (!node) return false
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'BigIntLiteral':
    case 'RegExpLiteral':
      return true
    case 'TemplateLiteral':
      return node.expressions.length === 0
    case 'Identifier':
      return node.name === 'undefined' || node.name === 'NaN' || node.name === 'Infinity'
    case 'UnaryExpression':
      return (node.operator === '-' || node.operator === '+' || node.operator === '!') && isStaticExpression(node.argument)
    case 'ArrayExpression':
      return node.elements.every((e: AstNode | null) => e !== null && isStaticExpression(e))
    case 'ObjectExpression':
      return node.properties.every(
        (p: AstNode) => p.type === 'ObjectProperty' && !p.computed && p.key.type !== 'PrivateName' && isStaticExpression(p.value),
      )
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return isStaticExpression(node.expression)
    default:
      return false
  }
}

/** The simple name a function is known by: its id, variable, property or method key. */
export function functionName(node: AstNode, parent: AstNode | undefined): string | undefined {
  if (node.id?.type === 'Identifier') return node.id.name
  if (node.key) return keyName(node.key)
  if (!parent) return undefined
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name
  if (parent.type === 'ObjectProperty' || parent.type === 'ClassProperty') return keyName(parent.key)
  if (parent.type === 'AssignmentExpression') {
    const left = parent.left
    if (left.type === 'Identifier') return left.name
    if (left.type === 'MemberExpression') return keyName(left.property)
  }
  return undefined
}

function keyName(key: AstNode): string | undefined {
  if (key.type === 'Identifier') return key.name
  if (key.type === 'StringLiteral') return key.value
  return undefined
}
