export { type Embedder, normalize } from './embed/embedder.js'
export { GgufEmbedder, type GgufEmbedderOptions } from './embed/gguf-embedder.js'
export { type GgufArchitectureMetadata, isEmbeddingModel } from './embed/gguf-model-kind.js'
export { HashedCodeEmbedder, type HashedCodeEmbedderOptions } from './embed/hashed-code-embedder.js'
export { SentenceEncoderEmbedder } from './embed/sentence-encoder-embedder.js'
export { expandGlobs, globToRegExp } from './index-tests/expand-globs.js'
export { type SubjectDeclaration, SubjectExtractor } from './index-tests/extract-subject.js'
export { type ParsedTest, type ParsedTestFile, parseTestFile } from './index-tests/parse-test-file.js'
export { type TestFilePatternsOptions, testFilePatterns } from './index-tests/test-file-patterns.js'
export type {
  Framework,
  NewPattern,
  PatternCategory,
  PatternFilter,
  PatternLanguage,
  PatternOrigin,
  StoredPattern,
} from './pattern.js'
export { patternKey } from './pattern.js'
export { feedbackFactor } from './search/feedback-factor.js'
export { keywordQuery } from './search/keyword-search.js'
export { type FusedResult, fuseRanks, type RankedList } from './search/reciprocal-rank-fusion.js'
export {
  defaultSearchOptions,
  type FusionOptions,
  type ResolvedSearchOptions,
  resolveSearchOptions,
  type SearchOptions,
} from './search/search-options.js'
export { identifierTerms, keywordText, splitIdentifier } from './search/split-identifiers.js'
export { exactNeighbours, exactTopK, type ScoredId } from './store/exact-search.js'
export { type HnswHeader, readHnswHeader } from './store/hnsw-header.js'
export { type PatternStats, patternStats } from './store/pattern-stats.js'
export { type PatternMatch, PatternStore } from './store/pattern-store.js'
export type { PatternStoreOptions } from './store/pattern-store-options.js'
export { PATTERN_STORE_FILE, patternStorePath } from './store/pattern-store-path.js'
export { TIE_EPSILON, tieAwareRecall } from './store/recall.js'
export { defaultHnswOptions, type HnswOptions, type IndexState } from './store/vector-index.js'
export type { WriteSummary } from './store/write-patterns.js'
