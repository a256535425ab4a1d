import { readFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import type { GenerationContext } from './candidate.js'

const MAX_SOURCE_LINES = 160
const MAX_EXAMPLE_LINES = 40

/**
 * The prompt for one target file: the module with line numbers (only around the gaps when it is
 * long), its uncovered lines, how to import it, a sibling test to copy the style of, and similar
 * known-good tests. Small models do best with a narrow ask and a fixed answer format (one block).
 */
export function testPrompt(context: GenerationContext, compact = false): string {
  const { target, framework } = context
  const lines = readFileSync(target.sourceFile, 'utf8').split('\n')
  const language = /\.[cm]?tsx?$/.test(target.sourceFile) ? 'TypeScript' : 'JavaScript'
  const specifier = importSpecifier(context)
  const uncovered = target.gaps
    .slice(0, compact ? 3 : 8)
    .map((gap) => `- lines ${gap.startLine}-${gap.endLine}: ${gap.kind} in ${gap.functionName}`)
    .join('\n')
  const example = context.home.existingTests[0]
  const parts = [
    `Write a ${framework === 'vitest' ? 'Vitest' : 'Jest'} test file in ${language} for the module \`${target.file}\`.`,
    `Import what you test from '${specifier}'.${context.home.frameworkImport ? ` Start with: ${context.home.frameworkImport}` : ''}`,
    `The module (with line numbers):\n\`\`\`\n${numbered(lines, target, compact)}\n\`\`\``,
    `No test runs these parts yet:\n${uncovered}`,
  ]
  if (example && !compact) {
    const text = readFileSync(example, 'utf8').split('\n').slice(0, MAX_EXAMPLE_LINES).join('\n')
    parts.push(`An existing test of this module, for style:\n\`\`\`\n${text}\n\`\`\``)
  }
  for (const similar of compact ? [] : context.similarTests.slice(0, 2))
    parts.push(`A similar test that was accepted before:\n\`\`\`\n${similar}\n\`\`\``)
  parts.push(
    'Write tests that run the uncovered lines and assert on the results. Answer with one code block holding the complete test file.',
  )
  return parts.join('\n\n')
}

/** The repair prompt: the first prompt, the failing test, and the error it produced. */
export function repairPrompt(context: GenerationContext, code: string, error: string): string {
  return `${testPrompt(context)}\n\nThis test file:\n\`\`\`\n${code}\n\`\`\`\nfails with this error:\n${error}\n\nAnswer with one code block holding the fixed complete test file.`
}

/** The specifier a test file at `context.testFile` imports the module with (no extension for TS). */
export function importSpecifier(context: GenerationContext): string {
  let spec = relative(dirname(context.testFile), context.target.sourceFile).split('\\').join('/')
  if (/\.[cm]?tsx?$/.test(spec)) spec = spec.replace(/\.[cm]?tsx?$/, '')
  return spec.startsWith('.') ? spec : `./${spec}`
}

// Compact prompts (small local contexts) show the gap lines themselves and one line around each.
function numbered(lines: string[], target: GenerationContext['target'], compact: boolean): string {
  const show = new Set<number>()
  const [before, after, limit] = compact ? [1, 1, 40] : [8, 4, MAX_SOURCE_LINES]
  if (!compact && lines.length <= MAX_SOURCE_LINES) for (let i = 0; i < lines.length; i++) show.add(i)
  else {
    for (const gap of target.gaps) {
      for (let i = Math.max(0, gap.startLine - 1 - before); i < Math.min(lines.length, gap.endLine + after) && show.size < limit; i++)
        show.add(i)
    }
  }
  return [...show]
    .sort((a, b) => a - b)
    .map((i) => `${String(i + 1).padStart(4)}  ${lines[i]}`)
    .join('\n')
}
