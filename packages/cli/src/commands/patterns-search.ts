import type { PatternFilter } from '@aqe/patterns'
import { oneOf, positiveInt } from '../options.js'
import { openPatternStore, type PatternsOptions } from './patterns-context.js'

interface SearchCommandOptions extends PatternsOptions {
  top: string
  framework?: string
  category?: string
  language?: string
  json?: boolean
}

/** `aqe patterns search "<text or code>"`: the best matching patterns, with both component ranks. */
export async function runPatternsSearch(query: string, options: SearchCommandOptions): Promise<void> {
  const top = positiveInt(options.top, '--top')
  const filter: PatternFilter = {
    framework: options.framework === undefined ? undefined : oneOf(options.framework, ['jest', 'vitest'] as const, '--framework'),
    category:
      options.category === undefined
        ? undefined
        : oneOf(options.category, ['error-handling', 'snapshot', 'mocking', 'async', 'assertion'] as const, '--category'),
    language: options.language === undefined ? undefined : oneOf(options.language, ['ts', 'js'] as const, '--language'),
  }
  const store = await openPatternStore(options, true, 'read')
  try {
    const matches = await store.search(query, { top, filter })
    const rows = matches.map((m) => ({
      id: m.pattern.id,
      name: m.pattern.name,
      file: m.pattern.file,
      score: m.score,
      denseRank: m.denseRank,
      keywordRank: m.keywordRank,
      fused: m.fused,
      framework: m.pattern.framework,
      category: m.pattern.category,
      language: m.pattern.language,
    }))
    if (options.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
      return
    }
    if (rows.length === 0) {
      process.stdout.write('No matching patterns.\n')
      return
    }
    const rank = (r: number | null) => (r === null ? '-' : String(r))
    for (const r of rows) {
      process.stdout.write(
        `#${r.id} ${r.score.toFixed(4)} dense ${rank(r.denseRank)} keyword ${rank(r.keywordRank)}  ${r.name}  (${r.file}, ${r.framework}, ${r.category})\n`,
      )
    }
  } finally {
    store.close()
  }
}
