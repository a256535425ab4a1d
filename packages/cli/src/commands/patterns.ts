import type { Command } from 'commander'
import { withCommonOptions } from '../context.js'
import { lazyAction } from '../lazy-action.js'

function withEmbedderOptions(command: Command): Command {
  return withCommonOptions(command)
    .option(
      '--embedder <kind>',
      'hashed (fast, code-aware), sentence (Universal Sentence Encoder, 512-dim) or gguf (default: config patterns.embedder, else hashed)',
    )
    .option('--model <file>', 'GGUF embedding model, for --embedder gguf (default: config patterns.model)')
    .option('--threads <n>', 'CPU threads for --embedder gguf, at most your cores (default: config patterns.threads, else 1)')
}

/** `aqe patterns`: the store of known good tests that generated tests are modelled on. */
export function registerPatternsCommands(program: Command): void {
  const patterns = program
    .command('patterns')
    .description('The test-pattern store (patterns.db beside the history store): index your tests, then search them by text or code.')
  withEmbedderOptions(patterns.command('index'))
    .description('Parse Jest/Vitest test files (JS or TS) into one pattern per test case, with the code each imports.')
    .argument('<glob...>', 'test files, directories or globs, relative to the current directory')
    .option('--framework <name>', 'jest or vitest for every file (default: detected per file)')
    .action(lazyAction(async () => (await import('./patterns-index.js')).runPatternsIndex))
  withEmbedderOptions(patterns.command('search'))
    .description(
      'Hybrid search: vector and keyword rankings fused by reciprocal rank fusion, weighted by feedback. Opens the store read-only.',
    )
    .argument('<query>', 'text or code to find similar tests for')
    .option('--top <n>', 'how many results', '10')
    .option('--framework <name>', 'only jest or vitest patterns')
    .option('--category <name>', 'only error-handling, snapshot, mocking, async or assertion patterns')
    .option('--language <name>', 'only ts or js patterns')
    .option('--json', 'print a JSON array, best first: id, name, file, score, denseRank, keywordRank, fused, framework, category, language')
    .action(lazyAction(async () => (await import('./patterns-search.js')).runPatternsSearch))
  withEmbedderOptions(patterns.command('stats'))
    .description('What the pattern store holds: patterns by framework, category and language, feedback, vectors and index.')
    .option('--json', 'print a JSON object')
    .action(lazyAction(async () => (await import('./patterns-stats.js')).runPatternsStats))
  withEmbedderOptions(patterns.command('feedback'))
    .description('Record that a generated test modelled on a pattern was accepted or rejected; ranking uses the counts.')
    .argument('<id>', 'pattern id (from aqe patterns search)')
    .option('--accepted', 'the generated test was kept')
    .option('--rejected', 'the generated test was thrown away')
    .action(lazyAction(async () => (await import('./patterns-feedback.js')).runPatternsFeedback))
}
