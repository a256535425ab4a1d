import { relative } from 'node:path'
import { InputError } from '@aqe/core'
import { oneOf } from '../options.js'
import { loadPatternsModule, openPatternStore, type PatternsOptions } from './patterns-context.js'

interface IndexOptions extends PatternsOptions {
  framework?: string
}

/** `aqe patterns index <glob...>`: adds or updates one pattern per test case; tests gone from an indexed file are removed. */
export async function runPatternsIndex(globs: string[], options: IndexOptions): Promise<void> {
  const framework = options.framework === undefined ? undefined : oneOf(options.framework, ['jest', 'vitest'] as const, '--framework')
  const patterns = await loadPatternsModule()
  const root = process.cwd()
  const files = patterns.expandGlobs(globs, root).filter((file) => /\.[mc]?[jt]sx?$/.test(file))
  if (files.length === 0) {
    throw new InputError(
      `No JS or TS files match ${globs.map((g) => `"${g}"`).join(' ')} under ${root}. Quote the glob so the shell leaves it alone, e.g. aqe patterns index "test/**/*.test.ts".`,
    )
  }
  process.stderr.write(`aqe patterns: parsing ${files.length} test files\n`)
  const found = patterns.testFilePatterns(files, { root, framework })
  const store = await openPatternStore(options, false)
  try {
    const summary = await store.write(
      found,
      files.map((f) => relative(root, f).split('\\').join('/')),
    )
    process.stdout.write(
      `Indexed ${found.length} test cases from ${files.length} files into ${store.db.name}: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.removed} removed (${store.size} patterns).\n`,
    )
  } finally {
    store.close()
  }
}
