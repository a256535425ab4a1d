import type { FusionOptions } from '../search/search-options.js'
import { identifierTerms, splitIdentifier } from '../search/split-identifiers.js'
import { type Embedder, normalize } from './embedder.js'

/** Options of the hashed code embedder. */
export interface HashedCodeEmbedderOptions {
  /** Vector length; more buckets, fewer collisions. @default 384 */
  dimensions?: number
}

const SYNTAX: [feature: string, pattern: RegExp][] = [
  ['async', /\basync\b|\bawait\b|\.resolves\b|\.rejects\b/],
  ['throws', /toThrow|\bthrow\b|\.rejects\b/],
  ['mock', /\b(vi|jest)\.(fn|mock|spyOn)\b|mockReturnValue|mockResolvedValue/],
  ['snapshot', /toMatch(Inline)?Snapshot/],
  ['timers', /useFakeTimers|advanceTimers/],
  ['each', /\b(it|test|describe)\.each\b/],
  ['equality', /\.to(Strict)?Equal\(/],
  ['identity', /\.toBe\(/],
]

/**
 * A fast, deterministic, dependency-free embedder for code: identifier sub-tokens (weighted 1),
 * whole identifiers and adjacent sub-token pairs (weighted 0.5), and syntax features (weighted 2),
 * hashed with signs into a fixed number of buckets, log-scaled, and L2-normalised.
 */
export class HashedCodeEmbedder implements Embedder {
  readonly id: string
  readonly dimensions: number
  /**
   * Tuned on half A of benchmarks/patterns/retrieval-quality.mjs, checked on half B (docs/benchmarks.md):
   * the keyword ranking leads and the dense one reorders near ties and fills in.
   */
  readonly fusion: FusionOptions = { denseWeight: 0.2, keywordWeight: 1, window: 20, rrfK: 30 }

  constructor(options: HashedCodeEmbedderOptions = {}) {
    this.dimensions = options.dimensions ?? 384
    if (!Number.isInteger(this.dimensions) || this.dimensions < 8) {
      throw new RangeError(`hashed embedder dimensions must be an integer >= 8, got ${options.dimensions}`)
    }
    this.id = `hashed-${this.dimensions}`
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text))
  }

  async close(): Promise<void> {}

  private embedOne(text: string): Float32Array {
    const counts = new Map<string, number>()
    const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight)
    for (const term of identifierTerms(text)) {
      const parts = splitIdentifier(term)
      if (parts.length > 1 || term.length > 1) add(`t:${term}`, 1)
    }
    for (const word of text.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []) {
      const parts = splitIdentifier(word)
      if (parts.length > 1) add(`w:${word}`, 0.5)
      for (let i = 1; i < parts.length; i++) add(`b:${parts[i - 1]}_${parts[i]}`, 0.5)
    }
    for (const [feature, pattern] of SYNTAX) if (pattern.test(text)) add(`s:${feature}`, 2)
    const vector = new Float32Array(this.dimensions)
    for (const [feature, weight] of counts) {
      const h = fnv1a(feature)
      const sign = h & 0x80000000 ? -1 : 1
      vector[h % this.dimensions] += sign * Math.log1p(weight)
    }
    return normalize(vector)
  }
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
