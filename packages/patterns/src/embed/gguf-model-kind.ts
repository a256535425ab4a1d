/** The part of a GGUF file's metadata that says what the model was trained for. */
export interface GgufArchitectureMetadata {
  general?: { architecture?: string }
  [architecture: string]: unknown
}

/** llama.cpp's pooling types that turn token states into one sentence vector: mean, cls, last. */
const SENTENCE_POOLING = new Set([1, 2, 3])

/**
 * Whether a GGUF model was trained to embed text: it declares a sentence pooling type, or attends
 * in both directions as BERT-style encoders do. A generative model (causal, no pooling) also
 * yields vectors, but they rank code barely better than chance: with stories260K the dense
 * ranking's MRR@10 was 0.016 against the keyword ranking's 0.714 (docs/benchmarks.md).
 */
export function isEmbeddingModel(metadata: GgufArchitectureMetadata): boolean {
  const architecture = metadata.general?.architecture
  const fields = (architecture === undefined ? undefined : metadata[architecture]) as
    | { pooling_type?: number; attention?: { causal?: boolean } }
    | undefined
  return SENTENCE_POOLING.has(fields?.pooling_type ?? -1) || fields?.attention?.causal === false
}
