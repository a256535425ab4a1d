import type { Framework } from '../pattern.js'
import { childNodes, identifiersIn, type Node, parseSource } from './parse-source.js'

/** One test case found in a test file. */
export interface ParsedTest {
  /** Describe titles and the test title joined with ` > `. */
  name: string
  code: string
  /** Imported local names the test uses, with the module each comes from. */
  uses: { local: string; imported: string; source: string }[]
}

/** A test file's cases and the runner it was written for. */
export interface ParsedTestFile {
  framework: Framework
  tests: ParsedTest[]
}

const TEST_CALLEES = new Set(['it', 'test'])
const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'todo', 'fails', 'each', 'sequential'])

/** Finds every `it`/`test` case (with `.only`, `.skip`, `.each`…) under its `describe` blocks. */
export function parseTestFile(source: string, fileName: string): ParsedTestFile {
  const ast = parseSource(source, fileName)
  const imports = new Map<string, { imported: string; source: string }>()
  let framework: Framework = /\bvi\.|from ['"]vitest['"]/.test(source) ? 'vitest' : 'jest'
  for (const statement of (ast.program as { body: Node[] }).body) {
    if (statement.type !== 'ImportDeclaration') continue
    const from = (statement.source as { value: string }).value
    if (from === 'vitest') framework = 'vitest'
    for (const spec of statement.specifiers as Node[]) {
      const local = (spec.local as { name: string }).name
      const imported = spec.type === 'ImportSpecifier' ? nameOf(spec.imported as Node) : 'default'
      imports.set(local, { imported, source: from })
    }
  }
  const tests: ParsedTest[] = []
  const visit = (node: Node, titles: string[]): void => {
    const call = node.type === 'CallExpression' ? calleeName(node.callee as Node) : undefined
    const title = call && firstTitle(node)
    if (call && title !== undefined && (call === 'describe' || TEST_CALLEES.has(call))) {
      if (call === 'describe') {
        for (const child of childNodes(node)) visit(child, [...titles, title])
        return
      }
      const code = source.slice(node.start ?? 0, node.end ?? 0)
      const used = identifiersIn(node)
      const uses = [...used].flatMap((local) => {
        const found = imports.get(local)
        return found && !/^(vitest|@jest\/globals)$/.test(found.source) ? [{ local, ...found }] : []
      })
      tests.push({ name: [...titles, title].join(' > '), code, uses })
      return
    }
    for (const child of childNodes(node)) visit(child, titles)
  }
  visit(ast, [])
  return { framework, tests }
}

/** `it`, `test` or `describe` for their calls and modified forms (`it.only`, `test.each(table)`); undefined otherwise. */
function calleeName(callee: Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name as string
  if (callee.type === 'MemberExpression' && MODIFIERS.has(nameOf(callee.property as Node))) return calleeName(callee.object as Node)
  if (callee.type === 'CallExpression') return calleeName(callee.callee as Node)
  if (callee.type === 'TaggedTemplateExpression') return calleeName(callee.tag as Node)
  return undefined
}

function firstTitle(call: Node): string | undefined {
  const [first] = call.arguments as Node[]
  if (!first) return undefined
  if (first.type === 'StringLiteral') return first.value as string
  if (first.type === 'TemplateLiteral') return (first.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked).join('…')
  return undefined
}

function nameOf(node: Node): string {
  return node.type === 'Identifier' ? (node.name as string) : String(node.value)
}
