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
  /** Weight of the dense (vector) ranking in the fusion. @default 1 */
  denseWeight?: number
  /** Weight of the keyword (FTS5 bm25) ranking in the fusion. @default 1 */
  keywordWeight?: number
  /**
   * Exponent of the feedback factor `(2 × (accepted + 1) / (accepted + rejected + 2))`: 0 ignores
   * feedback; with none recorded the factor is 1. @default 1
   */
  feedbackWeight?: number
}

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

/** Applies defaults and checks every number once, naming the bad option. */
export function resolveSearchOptions(options: SearchOptions = {}): ResolvedSearchOptions {
  const resolved = { ...defaultSearchOptions, ...stripUndefined(options) }
  for (const key of ['top', 'window'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] <= 0)
      throw new RangeError(`search option ${key} must be a positive integer, got ${resolved[key]}`)
  }
  for (const key of ['rrfK', 'denseWeight', 'keywordWeight', 'feedbackWeight'] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0)
      throw new RangeError(`search option ${key} must be a number >= 0, got ${resolved[key]}`)
  }
  return resolved
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
