import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { HashedCodeEmbedder, PatternStore } from '../src/index.js'
import { fixturePatterns, repositoryPatterns } from './corpus.js'

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
    const expected = 1 / (60 + (best?.denseRank as number)) + 1 / (60 + (best?.keywordRank as number))
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

  it('HNSW recall@10 against the exact scan is at least 0.95 on real test code', async () => {
    const store = await openStore(tempDir())
    const patterns = repositoryPatterns()
    await store.write(patterns)
    expect(store.size).toBeGreaterThan(200)
    const queries = await store.embedder.embed(patterns.filter((_, i) => i % 5 === 0).map((p) => `${p.name}\n${p.code}`))
    let hits = 0
    for (const query of queries) {
      const exact = new Set(store.exactSearch(query, 10))
      hits += store.denseSearch(query, 10).filter((id) => exact.has(id)).length
    }
    expect(hits / (queries.length * 10)).toBeGreaterThanOrEqual(0.95)
    store.close()
  })
})
