import { existsSync } from 'node:fs'
import { loadPatternsModule, openPatternStore, type PatternsOptions } from './patterns-context.js'

interface StatsOptions extends PatternsOptions {
  json?: boolean
}

/** `aqe patterns stats`: counts by metadata, feedback, vectors and the state of the vector index. */
export async function runPatternsStats(options: StatsOptions): Promise<void> {
  const store = await openPatternStore(options, true, 'read')
  try {
    const patterns = await loadPatternsModule()
    const header = existsSync(store.indexPath) ? patterns.readHnswHeader(store.indexPath) : undefined
    const { window, rrfK, denseWeight, keywordWeight, feedbackWeight } = store.searchDefaults
    const stats = {
      path: store.db.name,
      embedder: store.embedder.id,
      dimensions: store.embedder.dimensions,
      index: store.indexPath,
      indexState: store.indexState,
      hnsw: header ? { m: header.m, efConstruction: header.efConstruction } : null,
      fusion: { window, rrfK, denseWeight, keywordWeight, feedbackWeight },
      ...store.stats(),
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`)
      return
    }
    const list = (counts: Record<string, number>) =>
      Object.entries(counts)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || '-'
    process.stdout.write(
      `${[
        `aqe patterns ${stats.path}`,
        `${stats.patterns} patterns from ${stats.files} files`,
        `frameworks: ${list(stats.byFramework)}`,
        `categories: ${list(stats.byCategory)}`,
        `languages: ${list(stats.byLanguage)}`,
        `origins: ${list(stats.byOrigin)}`,
        `feedback: ${stats.accepted} accepted, ${stats.rejected} rejected; ${stats.used} uses`,
        `vectors: ${list(stats.vectors)}`,
        `index: ${stats.index} (${stats.embedder}, ${stats.dimensions} dimensions, ${stats.indexState}${stats.hnsw ? `, M ${stats.hnsw.m}, efConstruction ${stats.hnsw.efConstruction}` : ''})`,
        `fusion: dense weight ${denseWeight}, keyword weight ${keywordWeight}, window ${window}, rrfK ${rrfK}, feedback weight ${feedbackWeight}`,
      ].join('\n')}\n`,
    )
  } finally {
    store.close()
  }
}
