import type { File, Node } from '@babel/types'

const ASSERTION_CALLEES = new Set(['expect', 'assert'])

/**
 * Whether a test asserts something that depends on the code under test: some `expect(...)` or
 * `assert...(...)` call reaches a binding imported from that module, directly or through local
 * variables assigned from it (a one-file data-flow closure, TestPilot's "non-trivial" bar).
 */
export function assertsOnSubject(ast: File, isSubject: (specifier: string) => boolean): boolean {
  const tainted = new Set<string>()
  for (const statement of ast.program.body) {
    if (statement.type !== 'ImportDeclaration' || !isSubject(statement.source.value)) continue
    for (const specifier of statement.specifiers) tainted.add(specifier.local.name)
  }
  if (tainted.size === 0) return false
  const declarations: Array<{ names: string[]; init: Node }> = []
  const assertions: Node[] = []
  walk(ast.program, (node) => {
    if (node.type === 'VariableDeclarator' && node.init) declarations.push({ names: boundNames(node.id), init: node.init })
    if (node.type === 'CallExpression' && isAssertion(node.callee)) assertions.push(node)
  })
  // Taint flows through declarations until nothing changes (declaration order need not match).
  for (let changed = true; changed; ) {
    changed = false
    for (const { names, init } of declarations) {
      if (names.every((n) => tainted.has(n)) || !mentions(init, tainted)) continue
      for (const name of names) tainted.add(name)
      changed = true
    }
  }
  return assertions.some((call) => mentions(call, tainted))
}

function isAssertion(callee: Node): boolean {
  if (callee.type === 'Identifier') return ASSERTION_CALLEES.has(callee.name)
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier') return callee.object.name === 'assert'
  return false
}

function mentions(node: Node, names: ReadonlySet<string>): boolean {
  let found = false
  walk(node, (n) => {
    if (n.type === 'Identifier' && names.has(n.name)) found = true
  })
  return found
}

function boundNames(pattern: Node): string[] {
  const names: string[] = []
  walk(pattern, (n) => {
    if (n.type === 'Identifier') names.push(n.name)
  })
  return names
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node)
  for (const key of Object.keys(node) as Array<keyof Node>) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue
    const value = node[key] as unknown
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, visit)
    } else if (isNode(value)) walk(value, visit)
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}
