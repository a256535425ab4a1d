import { type ParserPlugin, parse } from '@babel/parser'

/** The parts of a Babel AST node this package reads. */
export interface Node {
  type: string
  start?: number | null
  end?: number | null
  [key: string]: unknown
}

/** Parses JS or TS (by file extension), recovering from errors where Babel can. */
export function parseSource(source: string, fileName: string): Node {
  return parse(source, {
    sourceType: 'unambiguous',
    errorRecovery: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    plugins: pluginsFor(fileName),
  }) as unknown as Node
}

function pluginsFor(fileName: string): ParserPlugin[] {
  if (/\.[mc]?tsx$/.test(fileName)) return ['typescript', 'jsx', 'decorators-legacy']
  if (/\.[mc]?ts$/.test(fileName)) return ['typescript', 'decorators-legacy']
  return ['jsx']
}

/** True for a Babel AST node. */
export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

/** The child nodes of a node, in source order. */
export function childNodes(node: Node): Node[] {
  const out: Node[] = []
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key.endsWith('Comments')) continue
    if (Array.isArray(value)) for (const child of value) isNode(child) && out.push(child)
    else if (isNode(value)) out.push(value)
  }
  return out
}

/** Every identifier name used under a node. */
export function identifiersIn(node: Node, out = new Set<string>()): Set<string> {
  if (node.type === 'Identifier') out.add(node.name as string)
  for (const child of childNodes(node)) identifiersIn(child, out)
  return out
}
