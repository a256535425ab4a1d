import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { InputError } from '@aqe/core'
import type { LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp'
import type { FusionOptions } from '../search/search-options.js'
import { type Embedder, normalize } from './embedder.js'
import { type GgufArchitectureMetadata, isEmbeddingModel } from './gguf-model-kind.js'

/** A test case's first 512 tokens say what it does; longer contexts cost memory for nothing. */
const MAX_CONTEXT = 512
/** node-llama-cpp adds BOS/EOS tokens and needs the input strictly shorter than the context. */
const SPECIAL_TOKEN_ROOM = 8

/** Options of the GGUF embedder. */
export interface GgufEmbedderOptions {
  /** Path to a GGUF embedding (or any llama.cpp) model file. */
  modelPath: string
  /** CPU threads; more than the machine's cores slows llama.cpp down by orders of magnitude. @default 1 */
  threads?: number
}

/**
 * Fusion for an embedding model: keyword-led, as half A of benchmarks/patterns/retrieval-quality.mjs
 * chose for every embedder; a strong code embedding model may deserve more dense weight
 * (`patterns.fusion.denseWeight` in the aqe config).
 */
const EMBEDDING_MODEL_FUSION: FusionOptions = { denseWeight: 0.2, keywordWeight: 1, window: 20, rrfK: 60 }
/** Fusion for a generative model: its vectors are near noise for ranking, and any weight on noise can only reorder the keyword ranking at random. */
const GENERATIVE_MODEL_FUSION: FusionOptions = { ...EMBEDDING_MODEL_FUSION, denseWeight: 0 }

/** Embeddings from a local GGUF model through node-llama-cpp (an optional peer dependency). */
export class GgufEmbedder implements Embedder {
  /** Keyword-led for an embedding model; keyword only for a generative one (see `embeddingModel`). */
  readonly fusion: FusionOptions

  private constructor(
    readonly id: string,
    readonly dimensions: number,
    /** Whether the file declares an embedding model (a sentence pooling type, or bidirectional attention). */
    readonly embeddingModel: boolean,
    private readonly model: LlamaModel,
    private readonly context: LlamaEmbeddingContext,
    private readonly contextSize: number,
  ) {
    this.fusion = embeddingModel ? EMBEDDING_MODEL_FUSION : GENERATIVE_MODEL_FUSION
  }

  /** Loads the model and measures its embedding size. */
  static async load(options: GgufEmbedderOptions): Promise<GgufEmbedder> {
    if (!existsSync(options.modelPath)) {
      throw new InputError(`No GGUF model at ${options.modelPath}. Pass the path of a .gguf embedding model you have downloaded.`)
    }
    const threads = options.threads ?? 1
    let llamaCpp: typeof import('node-llama-cpp')
    try {
      llamaCpp = await import('node-llama-cpp')
    } catch (error) {
      throw new InputError('The GGUF embedder needs node-llama-cpp: install it with `npm install node-llama-cpp`.', { cause: error })
    }
    const llama = await llamaCpp.getLlama({ gpu: false, build: 'never', maxThreads: threads, logLevel: llamaCpp.LlamaLogLevel.error })
    const model = await llama.loadModel({ modelPath: options.modelPath })
    const contextSize = Math.min(model.trainContextSize, MAX_CONTEXT)
    const context = await model.createEmbeddingContext({ threads, contextSize, batchSize: contextSize })
    const probe = await context.getEmbeddingFor('probe')
    const embeddingModel = isEmbeddingModel(model.fileInfo.metadata as GgufArchitectureMetadata)
    return new GgufEmbedder(
      `gguf-${basename(options.modelPath, '.gguf')}`,
      probe.vector.length,
      embeddingModel,
      model,
      context,
      contextSize,
    )
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = []
    for (const text of texts) {
      const tokens = this.model.tokenize(text).slice(0, Math.max(1, this.contextSize - SPECIAL_TOKEN_ROOM))
      const embedding = await this.context.getEmbeddingFor(tokens.length > 0 ? tokens : this.model.tokenize(' '))
      out.push(normalize(Float32Array.from(embedding.vector)))
    }
    return out
  }

  async close(): Promise<void> {
    await this.context.dispose()
    await this.model.dispose()
  }
}
