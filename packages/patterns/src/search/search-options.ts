import type { PatternFilter } from '../pattern.js'

/** How a hybrid search ranks and filters. */
export interface SearchOptions {
  /** Results to return. @default 10 */
  top?: number
  /** Metadata filters. @default {} */
  filter?: PatternFilter
  /** Results each retriever contributes to the fusion. @default 50 */
  window?: number
  /** The RRF constant k. @default 60 */
  rrfK?: number
  /** Weight of the dense (vector) ranking in the fusion. @default the embedder's `fusion`, else 1 */
  denseWeight?: number
  /** Weight of the keyword (FTS5 bm25) ranking in the fusion. @default the embedder's `fusion`, else 1 */
  keywordWeight?: number
  /**
   * Exponent of the feedback factor `(2 × (accepted + 1) / (accepted + rejected + 2))`: 0 ignores
   * feedback; with none recorded the factor is 1. @default 1
   */
  feedbackWeight?: number
}

/** The options that say how the two rankings are fused; an embedder may recommend them. */
export type FusionOptions = Pick<SearchOptions, 'window' | 'rrfK' | 'denseWeight' | 'keywordWeight'>

/** Search options with every default applied. */
export type ResolvedSearchOptions = Required<SearchOptions>

/** The defaults of SearchOptions. */
export const defaultSearchOptions: ResolvedSearchOptions = {
  top: 10,
  filter: {},
  window: 50,
  rrfK: 60,
  denseWeight: 1,
  keywordWeight: 1,
  feedbackWeight: 1,
}

/**
 * Applies defaults and checks every number once, naming the bad option. Later layers override
 * earlier ones (e.g. the embedder's fusion, then the project config, then one call's options);
 * an undefined field overrides nothing.
 */
export function resolveSearchOptions(...layers: (SearchOptions | undefined)[]): ResolvedSearchOptions {
  const resolved = { ...defaultSearchOptions }
  for (const layer of layers) if (layer) Object.assign(resolved, stripUndefined(layer))
  for (const key of ['top', 'window'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] <= 0)
      throw new RangeError(`search option ${key} must be a positive integer, got ${resolved[key]}`)
  }
  for (const key of ['rrfK', 'denseWeight', 'keywordWeight', 'feedbackWeight'] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0)
      throw new RangeError(`search option ${key} must be a number >= 0, got ${resolved[key]}`)
  }
  if (resolved.denseWeight === 0 && resolved.keywordWeight === 0)
    throw new RangeError('search options denseWeight and keywordWeight cannot both be 0: every result would score 0')
  return resolved
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
