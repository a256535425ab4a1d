import { existsSync } from 'node:fs'
import { loadConfig } from '@aqe/core'
import type { SimilarTests } from '@aqe/generator'
import { historyPath } from '../context.js'
import { importOptional } from '../optional-package.js'
import { oneOf, positiveInt } from '../options.js'
import { openPatternStore } from './patterns-context.js'

interface FillGapsCommandOptions {
  db?: string
  coverage: string[]
  runner?: string
  write?: boolean
  generator: string
  top: string
  only?: string
  runs: string
  budgetSeconds: string
  exploreSeconds: string
  timeoutSeconds: string
  seed: string
  embedder: string
  json?: boolean
}

const GENERATORS = ['explorer', 'model', 'all'] as const

/** `aqe fill-gaps`: generates, validates and keeps or drops tests for the top gaps, then prints the summary. */
export async function runFillGaps(options: FillGapsCommandOptions): Promise<void> {
  const generatorOption = oneOf(options.generator, GENERATORS, '--generator')
  const runner = options.runner === undefined ? undefined : oneOf(options.runner, ['vitest', 'jest'] as const, '--runner')
  const root = process.cwd()
  const generator = await importOptional('@aqe/generator', () => import('@aqe/generator'), 'aqe fill-gaps')
  const { config } = await loadConfig(root)
  const db = await historyPath(options)
  const model = generatorOption === 'explorer' ? undefined : await generator.openModelCompletion(config.llm, root, db)
  const similar = await openSimilarTests(options, db)
  try {
    const summary = await generator.fillGaps({
      root,
      framework: runner,
      coverageFiles: options.coverage,
      write: options.write === true,
      generators: generatorOption === 'all' ? undefined : [generatorOption],
      complete: model?.complete,
      similar: similar?.tests,
      top: positiveInt(options.top, '--top'),
      only: options.only,
      runs: positiveInt(options.runs, '--runs'),
      budgetSeconds: positiveInt(options.budgetSeconds, '--budget-seconds'),
      exploreMs: positiveInt(options.exploreSeconds, '--explore-seconds') * 1000,
      timeoutMs: positiveInt(options.timeoutSeconds, '--timeout-seconds') * 1000,
      seed: Number.parseInt(options.seed, 10),
      diffStream: options.json ? process.stderr : process.stdout,
    })
    if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
    process.stderr.write(`${generator.formatSummary(summary)}\n`)
    if (summary.suite && !summary.suite.passed) process.exitCode = 1
  } finally {
    await model?.close()
    similar?.close()
  }
}

// The pattern store beside the history store ranks candidates and gives the model examples; without one, neither.
async function openSimilarTests(options: FillGapsCommandOptions, db: string): Promise<{ tests: SimilarTests; close(): void } | undefined> {
  const patterns = await import('@aqe/patterns').catch(() => undefined)
  if (!patterns || !existsSync(patterns.patternStorePath(db))) return undefined
  const store = await openPatternStore({ db, embedder: options.embedder, threads: '2' }, true)
  const { rrfK, denseWeight, keywordWeight } = store.searchDefaults
  // A result ranked first by both retrievers scores (denseWeight + keywordWeight) / (k + 1); that is scaled to 1.
  const best = (denseWeight + keywordWeight) / (rrfK + 1)
  return {
    tests: {
      search: async (text, top) =>
        (await store.search(text, { top })).map((m) => ({ id: m.pattern.id, code: m.pattern.code, score: m.score / best })),
      feedback: (id, accepted) => void store.recordFeedback(id, accepted),
    },
    close: () => store.close(),
  }
}
