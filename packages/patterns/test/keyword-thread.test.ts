import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
// The keyword thread runs compiled JavaScript, so these tests use the built package (npm test builds first).
import { HashedCodeEmbedder, type NewPattern, PatternStore } from '../dist/index.js'
import { KeywordThread } from '../dist/search/keyword-thread.js'
import { fixturePatterns } from './corpus.js'

const tempDir = useTempDir('aqe-keyword-thread-')

async function until(ready: () => boolean): Promise<void> {
  for (let waited = 0; !ready(); waited += 10) {
    if (waited > 30_000) throw new Error('the keyword thread did not start in 30 s')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function storeWithFixture(dir: string, keywordThreadFrom: number): Promise<PatternStore> {
  const store = await PatternStore.open({
    path: join(dir, 'patterns.db'),
    embedder: new HashedCodeEmbedder(),
    exactBelow: 0,
    keywordThreadFrom,
  })
  if (store.size === 0) await store.write(fixturePatterns())
  return store
}

const QUERIES: [string, Parameters<PatternStore['search']>[1]][] = [
  ['parseMoney with a currency symbol', undefined],
  ['median of an even list', { top: 3 }],
  ['mean median percentile', { filter: { framework: 'vitest' }, top: 30 }],
  ['throws on invalid input', { filter: { category: 'error-handling' } }],
  ['mean', { filter: { language: 'js' } }],
  ['expect(toBe)', { keywordWeight: 1, denseWeight: 0 }],
]

describe('keyword search on a worker thread', () => {
  it('answers the keyword query on its own connection, as the store does on its own thread', async () => {
    const dir = tempDir()
    const store = await storeWithFixture(dir, Number.POSITIVE_INFINITY)
    const thread = KeywordThread.start(join(dir, 'patterns.db'))
    expect(thread).toBeDefined()
    if (!thread) return
    expect(thread.request('mean', 10, undefined, 0)).toBeUndefined()
    await until(() => thread.state !== 'starting')
    expect(thread.state).toBe('ready')
    for (const [text, options] of QUERIES) {
      const pending = thread.request(text, 20, options?.filter, 5)
      const ids = store.keywordSearch(text, 20, options?.filter)
      expect(pending?.ids()).toEqual(ids)
      // Then the rows of the first five, as the store reads them.
      const rows = pending?.rows()
      expect(rows?.map((row) => row.id).sort()).toEqual(ids.slice(0, 5).sort())
      for (const row of rows ?? []) expect(row).toEqual(store.get(row.id))
    }
    // Replies nobody waited for (the caller failed in between, or took its rows elsewhere) are
    // not taken for the next search's.
    thread.request('parseMoney', 5, undefined, 3)
    thread.request('mean', 5, undefined, 3)?.ids()
    const next = thread.request('median', 5, undefined, 2)
    const median = store.keywordSearch('median', 5)
    expect(next?.ids()).toEqual(median)
    const nextRows = next?.rows() ?? []
    expect(nextRows.map((row) => row.id).sort()).toEqual(median.slice(0, 2).sort())
    thread.close()
    expect(thread.state).toBe('failed')
    expect(thread.request('mean', 10, undefined, 0)).toBeUndefined()
    store.close()
  })

  it('gives every hybrid search the same answer as a single-threaded store', async () => {
    const dir = tempDir()
    const inline = await storeWithFixture(dir, Number.POSITIVE_INFINITY)
    const threaded = await storeWithFixture(dir, 30)
    expect(threaded.keywordThreadState).toBe('off')
    // The first search starts the thread and, while it starts, searches on this one.
    expect(await threaded.search('parseMoney with a currency symbol')).toEqual(await inline.search('parseMoney with a currency symbol'))
    await until(() => threaded.keywordThreadState !== 'starting')
    expect(threaded.keywordThreadState).toBe('ready')
    for (const [text, options] of QUERIES) expect(await threaded.search(text, options)).toEqual(await inline.search(text, options))
    expect(inline.keywordThreadState).toBe('off')
    threaded.close()
    inline.close()
  })

  it('sees what the store writes after the thread started', async () => {
    const dir = tempDir()
    const store = await storeWithFixture(dir, 0)
    await store.search('mean')
    await until(() => store.keywordThreadState !== 'starting')
    expect(store.keywordThreadState).toBe('ready')
    const [template] = fixturePatterns() as [NewPattern]
    await store.write([{ ...template, name: 'quux frobnicates the zorblax', code: 'expect(frobnicateZorblax(1)).toBe(2)' }])
    const [top] = await store.search('frobnicateZorblax', { denseWeight: 0, keywordWeight: 1 })
    expect(top?.pattern.name).toBe('quux frobnicates the zorblax')
    expect(top?.keywordRank).toBe(1)
    store.close()
  })

  it('fails safe when the thread cannot open the store: searches stay on the caller thread', async () => {
    const thread = KeywordThread.start(join(tempDir(), 'missing.db'))
    if (!thread) throw new Error('the compiled worker is missing')
    await until(() => thread.state !== 'starting')
    expect(thread.state).toBe('failed')
    expect(thread.request('mean', 10, undefined, 0)).toBeUndefined()
    thread.close()
  })
})
