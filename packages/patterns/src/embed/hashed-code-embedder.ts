import type { FusionOptions } from '../search/search-options.js'
import { splitIdentifier, WORD } from '../search/split-identifiers.js'
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
    // One pass over the words (this runs on every query): sub-token features first, then whole
    // identifiers and pairs, then syntax, the order the bucket sums have always been taken in.
    const terms = new Map<string, number>()
    const words = new Map<string, number>()
    for (const word of text.match(WORD) ?? []) {
      const lower = word.toLowerCase()
      if (lower.length > 1) count(terms, `t:${lower}`, 1)
      if (isDigit(word.charCodeAt(0))) continue
      const parts = splitIdentifier(word)
      if (parts.length < 2) continue
      for (const part of parts) if (part.length > 1) count(terms, `t:${part}`, 1)
      count(words, `w:${word}`, 0.5)
      for (let i = 1; i < parts.length; i++) count(words, `b:${parts[i - 1]}_${parts[i]}`, 0.5)
    }
    const vector = new Float32Array(this.dimensions)
    const put = (feature: string, weight: number) => {
      const h = fnv1a(feature)
      vector[h % this.dimensions] += (h & 0x80000000 ? -1 : 1) * Math.log1p(weight)
    }
    for (const [feature, weight] of terms) put(feature, weight)
    for (const [feature, weight] of words) put(feature, weight)
    for (const [feature, pattern] of SYNTAX) if (pattern.test(text)) put(`s:${feature}`, 2)
    return normalize(vector)
  }
}

function count(counts: Map<string, number>, feature: string, weight: number): void {
  counts.set(feature, (counts.get(feature) ?? 0) + weight)
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
