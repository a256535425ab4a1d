import type { FusionOptions } from '../search/search-options.js'

/** Turns texts into L2-normalised vectors of a fixed dimension; the store's index takes its dimension from here. */
export interface Embedder {
  /** Stable id (kind and model); vectors of different ids never share an index. */
  readonly id: string
  /** Length of every vector `embed` returns. */
  readonly dimensions: number
  /**
   * Fusion settings that suit this embedder's vectors, tuned on a labelled set (see
   * docs/patterns.md); search options and the project config override them. Absent: equal weights.
   */
  readonly fusion?: FusionOptions
  /** Embeds texts in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>
  /** Frees native resources, if any. */
  close(): Promise<void>
}

/** Scales a vector to unit length in place (a zero vector stays zero) and returns it. */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0
  for (const x of vector) sum += x * x
  const norm = Math.sqrt(sum)
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / norm
  return vector
}

/** Cosine similarity of two unit vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number)
  return sum
}
