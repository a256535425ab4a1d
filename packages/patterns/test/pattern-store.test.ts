import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { HashedCodeEmbedder, PatternStore } from '../src/index.js'
import { fixturePatterns } from './corpus.js'

const tempDir = useTempDir('aqe-patterns-')

async function openStore(dir: string, exactBelow = 0): Promise<PatternStore> {
  return PatternStore.open({ path: join(dir, 'patterns.db'), embedder: new HashedCodeEmbedder(), exactBelow })
}

async function filledStore(dir: string): Promise<PatternStore> {
  const store = await openStore(dir)
  await store.write(fixturePatterns())
  return store
}

const names = async (store: PatternStore, query: string) => (await store.search(query, { top: 5 })).map((m) => m.pattern.name)

describe('pattern store persistence and recovery', () => {
  it('saves the vector index beside the file and loads it on the next open with identical results', async () => {
    const dir = tempDir()
    const first = await filledStore(dir)
    expect(first.indexState).toBe('created')
    const before = await names(first, 'parseMoney with a currency symbol')
    first.close()
    expect(statSync(join(dir, 'patterns.db.hashed-384.hnsw')).size).toBeGreaterThan(0)
    const second = await openStore(dir)
    expect(second.indexState).toBe('loaded')
    expect(second.size).toBe(30)
    expect(await names(second, 'parseMoney with a currency symbol')).toEqual(before)
    second.close()
  })

  it.each([
    ['deleted', 'rebuilt-missing', (file: string) => rmSync(file)],
    ['truncated', 'rebuilt-corrupt', (file: string) => truncateSync(file, 100)],
    ['overwritten with garbage', 'rebuilt-corrupt', (file: string) => writeFileSync(file, Buffer.alloc(4096, 0xab))],
  ])('rebuilds the index from SQLite when its file is %s', async (_, state, damage) => {
    const dir = tempDir()
    const store = await filledStore(dir)
    const before = await names(store, 'median of an even list')
    store.close()
    const indexFile = join(dir, 'patterns.db.hashed-384.hnsw')
    damage(indexFile)
    const reopened = await openStore(dir)
    expect(reopened.indexState).toBe(state)
    expect(await names(reopened, 'median of an even list')).toEqual(before)
    reopened.close()
    const healed = await openStore(dir)
    expect(healed.indexState).toBe('loaded')
    healed.close()
  })

  it('rebuilds a stale index that does not hold the stored patterns', async () => {
    const dir = tempDir()
    const indexFile = join(dir, 'patterns.db.hashed-384.hnsw')
    const store = await openStore(dir)
    const patterns = fixturePatterns()
    await store.write(patterns.slice(0, 10))
    const old = readFileSync(indexFile)
    await store.write(patterns.slice(10))
    store.close()
    writeFileSync(indexFile, old)
    const reopened = await openStore(dir)
    expect(reopened.indexState).toBe('rebuilt-stale')
    const all = reopened.denseSearch((await reopened.embedder.embed(['x']))[0] as Float32Array, 100)
    expect(all).toHaveLength(30)
    reopened.close()
  })

  it('updates changed tests in place, keeps unchanged ones and removes tests gone from a replaced file', async () => {
    const dir = tempDir()
    const store = await filledStore(dir)
    const patterns = fixturePatterns()
    const file = 'test/vitest/money.test.ts'
    const kept = patterns.filter((p) => p.file !== file || !p.name.includes('symbol'))
    const changed = kept.map((p) =>
      p.name === 'money > formats zero-decimal currencies' && p.file === file ? { ...p, code: `${p.code}\n// edited` } : p,
    )
    const summary = await store.write(changed, [file])
    expect({ ...summary, embeddedIds: summary.embeddedIds.length }).toEqual({
      added: 0,
      updated: 1,
      unchanged: 28,
      removed: 1,
      embeddedIds: 1,
    })
    expect(store.size).toBe(29)
    store.close()
    const reopened = await openStore(dir)
    expect(reopened.indexState).toBe('loaded')
    const symbolTests = reopened.keywordSearch('symbol', 30).map((id) => reopened.get(id)?.name)
    expect(symbolTests.filter((name) => name === 'money > parses an amount with a symbol')).toHaveLength(1)
    reopened.close()
  })
})

describe('hybrid search', () => {
  it('reports both component ranks and the fused score of every result', async () => {
    const store = await filledStore(tempDir())
    const [best, ...rest] = await store.search('allocate money without losing a cent', { top: 4 })
    expect(best?.pattern.name).toBe('money > allocates without losing a cent')
    expect(best?.denseRank).toBeTypeOf('number')
    expect(best?.keywordRank).toBeTypeOf('number')
    const { denseWeight, keywordWeight, rrfK } = store.searchDefaults
    const expected = denseWeight / (rrfK + (best?.denseRank as number)) + keywordWeight / (rrfK + (best?.keywordRank as number))
    expect(best?.fused).toBeCloseTo(expected, 12)
    for (const match of rest) expect(match.score).toBeLessThanOrEqual(best?.score as number)
    store.close()
  })

  it('filters by framework, category and language in both retrievers', async () => {
    const store = await filledStore(tempDir())
    const vitest = await store.search('mean median percentile', { filter: { framework: 'vitest' }, top: 30 })
    expect(vitest.length).toBeGreaterThan(0)
    expect(vitest.every((m) => m.pattern.framework === 'vitest' && m.pattern.file.startsWith('test/vitest/'))).toBe(true)
    const errors = await store.search('mean', { filter: { category: 'error-handling' }, top: 30 })
    expect(errors.map((m) => m.pattern.name).sort()).toEqual(['stats > rejects the mean of nothing', 'stats > rejects the mean of nothing'])
    expect(await store.search('mean', { filter: { language: 'js' } })).toEqual([])
    store.close()
  })

  it('ranks a pattern higher after its generated tests are accepted, lower after rejections', async () => {
    const store = await filledStore(tempDir())
    const query = 'parses an amount'
    const before = await store.search(query, { top: 30 })
    const second = before[1]?.pattern.id as number
    for (let i = 0; i < 3; i++) expect(store.recordFeedback(second, true)).toBe(true)
    expect((await store.search(query, { top: 1 }))[0]?.pattern.id).toBe(second)
    for (let i = 0; i < 10; i++) store.recordFeedback(second, false)
    expect((await store.search(query, { top: 1 }))[0]?.pattern.id).not.toBe(second)
    expect(store.get(second)).toMatchObject({ acceptedCount: 3, rejectedCount: 10 })
    expect(store.recordFeedback(99_999, true)).toBe(false)
    store.close()
  })

  it('finds camelCase parts by keyword: "money" matches parseMoney and formatMoney', async () => {
    const store = await filledStore(tempDir())
    const ids = store.keywordSearch('money', 30)
    const found = ids.map((id) => store.get(id)?.name)
    expect(found).toContain('money > parses an amount with a symbol')
    expect(found).toContain('money > formats zero-decimal currencies')
    store.close()
  })

  it('drops query terms most patterns share, unless nothing else is left', async () => {
    const store = await filledStore(tempDir())
    const named = (query: string) => store.keywordSearch(query, 30).map((id) => store.get(id)?.name)
    expect(named('expect').length).toBeGreaterThan(20)
    expect(named('expect allocate')).toEqual(['money > allocates without losing a cent', 'money > allocates without losing a cent'])
    store.close()
  })
})

describe('search defaults of a store', () => {
  it("start from the embedder's tuned fusion, and the store's search option overrides them", async () => {
    const embedder = new HashedCodeEmbedder()
    const tuned = await PatternStore.open({ path: join(tempDir(), 'patterns.db'), embedder })
    expect(tuned.searchDefaults).toMatchObject({ ...embedder.fusion, feedbackWeight: 1, top: 10 })
    tuned.close()
    const configured = await PatternStore.open({ path: join(tempDir(), 'patterns.db'), embedder, search: { denseWeight: 1, window: 50 } })
    expect(configured.searchDefaults).toMatchObject({ denseWeight: 1, window: 50, rrfK: embedder.fusion.rrfK })
    configured.close()
    await expect(PatternStore.open({ path: join(tempDir(), 'patterns.db'), embedder, search: { window: 0 } })).rejects.toThrow(
      /search option window must be a positive integer, got 0/,
    )
  })

  it('a retriever with weight 0 is not consulted: every result then carries only the other rank', async () => {
    const store = await filledStore(tempDir())
    const keywordOnly = await store.search('allocate money without losing a cent', { denseWeight: 0, top: 30 })
    expect(keywordOnly.length).toBeGreaterThan(0)
    expect(keywordOnly.every((m) => m.denseRank === null && m.keywordRank !== null)).toBe(true)
    expect(keywordOnly.map((m) => m.pattern.id)).toEqual(store.keywordSearch('allocate money without losing a cent', 30).slice(0, 30))
    store.close()
  })
})

describe('keyword cost budget', () => {
  it('abstains when even the rarest query term is in more patterns than the postings budget', async () => {
    const store = await filledStore(tempDir())
    // In the 30 fixture patterns "expect" is everywhere and "allocate" in two; maxPostings is 500,
    // so both search; a budget below "expect"'s count keeps only the rare term.
    const terms = (store as unknown as { terms: { select(t: string[], o: object): string[] } }).terms
    expect(terms.select(['expect', 'allocate'], { maxTerms: 4, maxDocFraction: 1, maxPostings: 500 })).toEqual(['allocate', 'expect'])
    expect(terms.select(['expect', 'allocate'], { maxTerms: 4, maxDocFraction: 1, maxPostings: 10 })).toEqual(['allocate'])
    expect(terms.select(['expect'], { maxTerms: 4, maxDocFraction: 1, maxPostings: 10 })).toEqual([])
    store.close()
  })
})
