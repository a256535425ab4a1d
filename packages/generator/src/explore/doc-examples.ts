import { parseExpression } from '@babel/parser'
import { type AstNode, isStaticExpression } from './ast-walk.js'
import { quote } from './serialise-value.js'

/**
 * Example values written in comments: quoted strings ("12.34 USD"), numbers in doc comments,
 * and code in backticks (a literal, or the literal arguments of a call like `parse('1 USD')`).
 */
export function docExamples(comments: AstNode[], source: string): string[] {
  const out: string[] = []
  for (const comment of comments) {
    const text: string = comment.value
    for (const m of text.matchAll(/"([^"\n]{1,60})"|(?<![\w])'([^'\n]{1,60})'(?![\w])/g)) out.push(quote((m[1] ?? m[2]) as string))
    for (const m of text.matchAll(/`([^`\n]{1,120})`/g)) out.push(...codeExamples(m[1] as string))
    // Only doc comments: numbers in ordinary comments are mostly line numbers and versions.
    if (comment.type === 'CommentBlock' && source.startsWith('/**', comment.start)) {
      for (const m of text.matchAll(/(?<![\w.@-])(-?\d+(?:\.\d+)?)(?![\w.])/g)) out.push(m[1] as string)
    }
  }
  return out
}

function codeExamples(code: string): string[] {
  try {
    const node = parseExpression(code, { plugins: ['typescript'] }) as unknown as AstNode
    if (isStaticExpression(node)) return [code.trim()]
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      return node.arguments.filter((a: AstNode) => isStaticExpression(a)).map((a: AstNode) => code.slice(a.start, a.end))
    }
  } catch {
    // Prose in backticks (a name, a shell command) is not an example value.
  }
  return []
}
