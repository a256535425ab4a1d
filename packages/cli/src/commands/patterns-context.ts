import { existsSync } from 'node:fs'
import { InputError, StoreError } from '@aqe/core'
import type { Embedder, PatternStore } from '@aqe/patterns'
import { type CommonOptions, historyPath } from '../context.js'
import { importOptional } from '../optional-package.js'
import { oneOf, positiveInt } from '../options.js'

type PatternsModule = typeof import('@aqe/patterns')

/** Options every `aqe patterns` command takes. */
export interface PatternsOptions extends CommonOptions {
  embedder: string
  model?: string
  threads: string
}

const EMBEDDERS = ['hashed', 'sentence', 'gguf'] as const

/** Loads @aqe/patterns on demand, so the CLI starts without hnswlib or an embedding model unless a patterns command runs. */
export const loadPatternsModule = (): Promise<PatternsModule> =>
  importOptional('@aqe/patterns', () => import('@aqe/patterns'), 'aqe patterns')

/** Opens the pattern store beside the history store (`--db`), with the chosen embedder; `mustExist` refuses to create one. */
export async function openPatternStore(options: PatternsOptions, mustExist: boolean): Promise<PatternStore> {
  const kind = oneOf(options.embedder, EMBEDDERS, '--embedder')
  const threads = positiveInt(options.threads, '--threads')
  if (kind === 'gguf' && !options.model)
    throw new InputError('--embedder gguf needs --model <file.gguf>: the path of a GGUF embedding model.')
  const patterns = await loadPatternsModule()
  const path = patterns.patternStorePath(await historyPath(options))
  if (mustExist && !existsSync(path)) {
    throw new StoreError(
      'AQE_STORE_MISSING',
      `No pattern store at ${path}. Index your tests first: aqe patterns index "test/**/*.test.ts".`,
    )
  }
  const embedder = await createEmbedder(patterns, kind, options.model, threads)
  return patterns.PatternStore.open({ path, embedder, onProgress: (message) => process.stderr.write(`aqe patterns: ${message}\n`) })
}

async function createEmbedder(
  patterns: PatternsModule,
  kind: (typeof EMBEDDERS)[number],
  model: string | undefined,
  threads: number,
): Promise<Embedder> {
  if (kind === 'hashed') return new patterns.HashedCodeEmbedder()
  if (kind === 'sentence') return patterns.SentenceEncoderEmbedder.load()
  return patterns.GgufEmbedder.load({ modelPath: model as string, threads })
}
