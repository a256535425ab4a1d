import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { defaultHnswOptions, HashedCodeEmbedder, type HnswOptions, PatternStore, readHnswHeader, tieAwareRecall } from '../src/index.js'
import { fixturePatterns, repositoryPatterns } from './corpus.js'

const tempDir = useTempDir('aqe-patterns-hnsw-')

const open = (dir: string, hnsw?: HnswOptions, readonly = false, onProgress?: (m: string) => void) =>
  PatternStore.open({ path: join(dir, 'patterns.db'), embedder: new HashedCodeEmbedder(), exactBelow: 0, hnsw, readonly, onProgress })

describe('HNSW build parameters', () => {
  it('records M and efConstruction in the index file, as hnswlib wrote them', async () => {
    const dir = tempDir()
    const store = await open(dir, { m: 12, efConstruction: 40 })
    await store.write(fixturePatterns())
    expect(readHnswHeader(store.indexPath)).toEqual({ m: 12, efConstruction: 40, elements: 30 })
    store.close()
    const defaults = await open(tempDir())
    await defaults.write(fixturePatterns())
    expect(readHnswHeader(defaults.indexPath)).toMatchObject({ m: defaultHnswOptions.m, efConstruction: defaultHnswOptions.efConstruction })
    defaults.close()
  })

  it('rebuilds an index built with other parameters on a writable open, and keeps it on a read-only one', async () => {
    const dir = tempDir()
    const first = await open(dir, { m: 8, efConstruction: 50 })
    await first.write(fixturePatterns())
    first.close()
    const reader = await open(dir, { m: 24, efConstruction: 100 }, true)
    expect(reader.indexState).toBe('loaded')
    reader.close()
    expect(readHnswHeader(join(dir, 'patterns.db.hashed-384.hnsw'))).toMatchObject({ m: 8, efConstruction: 50 })
    const messages: string[] = []
    const writer = await open(dir, { m: 24, efConstruction: 100 }, false, (m) => messages.push(m))
    expect(writer.indexState).toBe('rebuilt-params')
    expect(messages.join('\n')).toContain('built with other HNSW parameters than M 24, efConstruction 100, rebuilt from 30 stored vectors')
    writer.close()
    expect(readHnswHeader(join(dir, 'patterns.db.hashed-384.hnsw'))).toMatchObject({ m: 24, efConstruction: 100 })
    const again = await open(dir, { m: 24, efConstruction: 100 })
    expect(again.indexState).toBe('loaded')
    again.close()
  })

  it('reads no header from a file that is not an hnswlib index', () => {
    const file = join(tempDir(), 'x.hnsw')
    writeFileSync(file, Buffer.alloc(50))
    expect(readHnswHeader(file)).toBeUndefined()
    writeFileSync(file, Buffer.alloc(4096, 0xab))
    expect(readHnswHeader(file)).toBeUndefined()
  })

  it('names a bad parameter', async () => {
    await expect(open(tempDir(), { m: 1 })).rejects.toThrow(/hnsw\.m must be at least 2, got 1/)
    await expect(open(tempDir(), { efSearch: 0 })).rejects.toThrow(/hnsw\.efSearch must be a positive integer, got 0/)
  })
})

describe('tie-aware recall (the ann-benchmarks convention)', () => {
  const exact = [
    { id: 1, score: 0.9 },
    { id: 2, score: 0.8 },
    { id: 3, score: 0.7 },
  ]

  it('counts a result as correct when it is at least as near as the k-th exact neighbour', () => {
    expect(tieAwareRecall([0.9, 0.8, 0.7], exact)).toBe(1)
    // Another id at the k-th similarity is an equally good answer.
    expect(tieAwareRecall([0.9, 0.8, 0.7 - 1e-7], exact)).toBe(1)
    expect(tieAwareRecall([0.9, 0.8, 0.69], exact)).toBeCloseTo(2 / 3, 12)
    expect(tieAwareRecall([0.5], exact)).toBe(0)
    expect(tieAwareRecall([], [])).toBe(1)
  })

  it('is at least 0.98 for HNSW at the default parameters on real test code', async () => {
    const store = await open(tempDir())
    const patterns = repositoryPatterns()
    await store.write(patterns)
    expect(store.size).toBeGreaterThan(200)
    const queries = await store.embedder.embed(patterns.filter((_, i) => i % 5 === 0).map((p) => `${p.name}\n${p.code}`))
    let recall = 0
    for (const query of queries) {
      const approx = store.denseSearch(query, 10)
      recall += tieAwareRecall(store.similarities(query, approx), store.exactNeighbours(query, 10))
    }
    expect(recall / queries.length).toBeGreaterThanOrEqual(0.98)
    store.close()
  })
})
