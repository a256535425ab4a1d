import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { isAqeError } from '@aqe/core'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { type Embedder, HashedCodeEmbedder, PatternStore, SentenceEncoderEmbedder } from '../src/index.js'
import { fixturePatterns } from './corpus.js'

const tempDir = useTempDir('aqe-patterns-ro-')

/** Every file in the directory with a hash of its bytes: any write shows up here. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  )
}

async function indexedDir(): Promise<string> {
  const dir = tempDir()
  const store = await PatternStore.open({ path: join(dir, 'patterns.db'), embedder: new HashedCodeEmbedder(), exactBelow: 0 })
  await store.write(fixturePatterns())
  store.close()
  return dir
}

const openReadOnly = (dir: string, embedder: Embedder = new HashedCodeEmbedder(), onProgress?: (m: string) => void) =>
  PatternStore.open({ path: join(dir, 'patterns.db'), embedder, exactBelow: 0, readonly: true, onProgress })

describe('a pattern store opened read-only', () => {
  it('searches like a writable one and writes nothing: no byte changes, no journal or index files', async () => {
    const dir = await indexedDir()
    const writable = await PatternStore.open({ path: join(dir, 'patterns.db'), embedder: new HashedCodeEmbedder(), exactBelow: 0 })
    const expected = await writable.search('allocate money without losing a cent', { top: 5 })
    writable.close()
    const before = snapshot(dir)
    const store = await openReadOnly(dir)
    expect(store.readonly).toBe(true)
    expect(store.db.readonly).toBe(true)
    expect(await store.search('allocate money without losing a cent', { top: 5 })).toEqual(expected)
    expect(store.stats().patterns).toBe(30)
    store.close()
    expect(snapshot(dir)).toEqual(before)
  })

  it('refuses writes with a message that says why', async () => {
    const store = await openReadOnly(await indexedDir())
    const error = await store.write(fixturePatterns()).catch((e: unknown) => e)
    expect(isAqeError(error, 'AQE_STORE_UNWRITABLE')).toBe(true)
    expect((error as Error).message).toMatch(/Cannot write patterns: the pattern store .*patterns\.db was opened read-only/)
    expect(() => store.recordFeedback(1, true)).toThrow(/Cannot record feedback/)
    expect(() => store.recordUsage([1])).toThrow(/Cannot record usage/)
    store.close()
  })

  it('rebuilds a missing index in memory without saving it, and says so', async () => {
    const dir = await indexedDir()
    rmSync(join(dir, 'patterns.db.hashed-384.hnsw'))
    const before = snapshot(dir)
    const messages: string[] = []
    const store = await openReadOnly(dir, new HashedCodeEmbedder(), (m) => messages.push(m))
    expect(store.indexState).toBe('rebuilt-missing')
    expect(messages.join('\n')).toMatch(/missing, rebuilt from 30 stored vectors in memory only \(the store is open read-only/)
    expect(store.denseSearch((await store.embedder.embed(['mean']))[0] as Float32Array, 30)).toHaveLength(30)
    store.close()
    expect(snapshot(dir)).toEqual(before)
    expect(existsSync(join(dir, 'patterns.db.hashed-384.hnsw'))).toBe(false)
  })

  it('embeds patterns a new embedder has not seen in memory only', async () => {
    const dir = await indexedDir()
    const before = snapshot(dir)
    const messages: string[] = []
    const store = await openReadOnly(dir, await SentenceEncoderEmbedder.load(), (m) => messages.push(m))
    expect(messages[0]).toMatch(/^embedding 30 patterns with use-lite-512 in memory only/)
    const matches = await store.search('splits an amount into equal parts', { top: 30 })
    expect(matches.filter((m) => m.denseRank !== null)).toHaveLength(30)
    expect(store.stats().vectors).toEqual({ 'hashed-384': 30 })
    store.close()
    expect(snapshot(dir)).toEqual(before)
  })

  it('needs an existing store', async () => {
    const dir = tempDir()
    const error = await openReadOnly(dir).catch((e: unknown) => e)
    expect(isAqeError(error, 'AQE_STORE_MISSING')).toBe(true)
    expect(existsSync(join(dir, 'patterns.db'))).toBe(false)
  })

  it('reads a schema 1 store (before the feedback index) and upgrades it on the next writable open', async () => {
    const dir = await indexedDir()
    const path = join(dir, 'patterns.db')
    const old = new Database(path)
    old.exec('DROP INDEX patterns_feedback')
    old.exec('UPDATE patterns SET accepted_count = 3 WHERE id = 7')
    old.pragma('user_version = 1')
    old.close()
    const reader = await openReadOnly(dir)
    const hit = (await reader.search('parses an amount', { top: 30 })).find((m) => m.pattern.id === 7)
    expect(hit?.score).toBeCloseTo((hit?.fused as number) * 1.6, 12)
    reader.close()
    const writer = await PatternStore.open({ path, embedder: new HashedCodeEmbedder() })
    expect(writer.db.pragma('user_version', { simple: true })).toBe(2)
    const plan = writer.db
      .prepare('EXPLAIN QUERY PLAN SELECT id, accepted_count, rejected_count FROM patterns WHERE accepted_count > 0 OR rejected_count > 0')
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('patterns_feedback')
    writer.close()
  })

  it('converts a WAL store left by an older aqe to a rollback journal, whose readers need no -wal or -shm files', async () => {
    const dir = await indexedDir()
    const path = join(dir, 'patterns.db')
    const old = new Database(path)
    old.pragma('journal_mode = WAL')
    old.close()
    const writer = await PatternStore.open({ path, embedder: new HashedCodeEmbedder() })
    expect(writer.db.pragma('journal_mode', { simple: true })).toBe('delete')
    writer.close()
  })
})

describe('feedback seen across connections', () => {
  it('a long-lived reader sees feedback another connection recorded after it opened', async () => {
    const dir = await indexedDir()
    const reader = await openReadOnly(dir)
    const query = 'parses an amount'
    const second = (await reader.search(query, { top: 30 }))[1]?.pattern.id as number
    const writer = await PatternStore.open({ path: join(dir, 'patterns.db'), embedder: new HashedCodeEmbedder(), exactBelow: 0 })
    for (let i = 0; i < 3; i++) writer.recordFeedback(second, true)
    writer.close()
    expect((await reader.search(query, { top: 1 }))[0]?.pattern.id).toBe(second)
    reader.close()
  })
})
