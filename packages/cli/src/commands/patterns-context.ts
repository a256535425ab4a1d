import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { InputError, loadConfig, type PatternsConfig, resolveHistoryPath, StoreError } from '@aqe/core'
import type { Embedder, PatternStore } from '@aqe/patterns'
import type { CommonOptions } from '../context.js'
import { importOptional } from '../optional-package.js'
import { oneOf, positiveInt } from '../options.js'

type PatternsModule = typeof import('@aqe/patterns')

/** Options every `aqe patterns` command takes; unset ones come from the config's `patterns` section. */
export interface PatternsOptions extends CommonOptions {
  embedder?: string
  model?: string
  threads?: string
}

/** How a command uses the store: `read` opens it read-only, `write` may change it. */
export type PatternStoreAccess = 'read' | 'write'

const EMBEDDERS = ['hashed', 'sentence', 'gguf'] as const

/** Loads @aqe/patterns on demand, so the CLI starts without hnswlib or an embedding model unless a patterns command runs. */
export const loadPatternsModule = (): Promise<PatternsModule> =>
  importOptional('@aqe/patterns', () => import('@aqe/patterns'), 'aqe patterns')

/**
 * Opens the pattern store beside the history store (`--db`), with the embedder, HNSW parameters
 * and fusion defaults of the config's `patterns` section, command-line options first.
 * `mustExist` refuses to create a store; `access: 'read'` opens it read-only (search and stats),
 * which also works on a read-only file or directory.
 */
export async function openPatternStore(
  options: PatternsOptions,
  mustExist: boolean,
  access: PatternStoreAccess = 'write',
): Promise<PatternStore> {
  const root = process.cwd()
  const { config } = await loadConfig(root)
  const settings: PatternsConfig = config.patterns ?? {}
  const kind = options.embedder === undefined ? (settings.embedder ?? 'hashed') : oneOf(options.embedder, EMBEDDERS, '--embedder')
  const threads = options.threads === undefined ? (settings.threads ?? 1) : positiveInt(options.threads, '--threads')
  const model = options.model ?? (settings.model === undefined ? undefined : resolve(root, settings.model))
  if (kind === 'gguf' && !model) {
    throw new InputError(
      '--embedder gguf needs --model <file.gguf> (or patterns.model in the aqe config): the path of a GGUF embedding model.',
    )
  }
  const patterns = await loadPatternsModule()
  const path = patterns.patternStorePath(resolveHistoryPath(root, options.db, config))
  if ((mustExist || access === 'read') && !existsSync(path)) {
    throw new StoreError(
      'AQE_STORE_MISSING',
      `No pattern store at ${path}. Index your tests first: aqe patterns index "test/**/*.test.ts".`,
    )
  }
  const embedder = await createEmbedder(patterns, kind, model, threads)
  if (embedder instanceof patterns.GgufEmbedder && !embedder.embeddingModel && settings.fusion?.denseWeight === undefined) {
    process.stderr.write(
      `aqe patterns: ${model} is a generative model, not an embedding model (its GGUF metadata declares no sentence pooling), so its vectors get no weight in search and keywords rank alone; set patterns.fusion.denseWeight to use them anyway.\n`,
    )
  }
  return patterns.PatternStore.open({
    path,
    embedder,
    hnsw: settings.hnsw,
    exactBelow: settings.exactBelow,
    keywordThreadFrom: settings.keywordThreadFrom === false ? Number.POSITIVE_INFINITY : settings.keywordThreadFrom,
    search: settings.fusion,
    readonly: access === 'read',
    onProgress: (message) => process.stderr.write(`aqe patterns: ${message}\n`),
  })
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
