import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { dot } from '../src/embed/embedder.js'
import {
  type GgufArchitectureMetadata,
  GgufEmbedder,
  HashedCodeEmbedder,
  isEmbeddingModel,
  PatternStore,
  SentenceEncoderEmbedder,
} from '../src/index.js'
import { fixturePatterns, repoRoot } from './corpus.js'

const tempDir = useTempDir('aqe-patterns-embed-')

const norm = (v: Float32Array) => Math.sqrt(dot(v, v))

describe('hashed code embedder', () => {
  it('is deterministic, unit length, and closer for tests of the same function', async () => {
    const embedder = new HashedCodeEmbedder({ dimensions: 128 })
    const [a, b, c, again] = (await embedder.embed([
      "it('parses money', () => expect(parseMoney('1 USD')).toEqual(usd))",
      "it('parses euros', () => expect(parseMoney('€5')).toEqual(eur))",
      "it('slugifies', () => expect(slugify('A B')).toBe('a-b'))",
      "it('parses money', () => expect(parseMoney('1 USD')).toEqual(usd))",
    ])) as Float32Array[]
    expect(embedder.id).toBe('hashed-128')
    expect(a).toHaveLength(128)
    expect(again).toEqual(a)
    expect(norm(a as Float32Array)).toBeCloseTo(1, 5)
    expect(dot(a as Float32Array, b as Float32Array)).toBeGreaterThan(dot(a as Float32Array, c as Float32Array))
  })

  it('keeps the vectors that stores already hold: a change to them needs a new embedder id', async () => {
    // Stored vectors are compared with fresh query vectors: if the features, their weights or the
    // order the bucket sums are taken in change, every existing store goes quietly stale.
    const texts = [
      "it('parses money', async () => { await expect(parseMoney('1 USD')).resolves.toEqual(usd) })",
      'test.each([[1, 2]])("max_retry_count %i", (a) => { vi.useFakeTimers(); expect(HTTPServer2.get(a)).toBe(2) })',
      "const spy = jest.fn().mockReturnValue(3); expect(() => parse('')).toThrow(); expect(tree).toMatchSnapshot()",
      'sums 12 items _ $ x',
    ]
    const vectors = await new HashedCodeEmbedder().embed(texts)
    const digest = createHash('sha256')
    for (const v of vectors) digest.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
    expect(digest.digest('hex')).toBe('385cfd37e2354b4c79105b0da1a61c959df43bc709f48e1e3f0051e51961a543')
  })

  it('rejects a dimension too small to hash into', () => {
    expect(() => new HashedCodeEmbedder({ dimensions: 4 })).toThrow(/dimensions must be an integer >= 8, got 4/)
  })
})

describe('sentence encoder embedder (@energetic-ai, installed from npm, no download)', () => {
  it('gives 512-dim unit vectors where paraphrases are closer than unrelated tests', async () => {
    const embedder = await SentenceEncoderEmbedder.load()
    const [a, b, c] = (await embedder.embed([
      'adds two numbers together',
      'sums a pair of values',
      'throws when the file is missing',
    ])) as Float32Array[]
    expect(embedder.dimensions).toBe(512)
    expect(a).toHaveLength(512)
    expect(norm(a as Float32Array)).toBeCloseTo(1, 4)
    expect(dot(a as Float32Array, b as Float32Array)).toBeGreaterThan(dot(a as Float32Array, c as Float32Array))
  })
})

const modelsDir = process.env.AQE_TEST_MODELS ?? join(repoRoot, '../shared/models')
const stories = join(modelsDir, 'stories260K.gguf')
const STORIES_SHA256 = '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d'
const storiesPresent = existsSync(stories)
if (!storiesPresent)
  console.warn(`GGUF embedder test not run: ${stories} is absent (set AQE_TEST_MODELS to the folder holding stories260K.gguf).`)

describe('GGUF embedder (node-llama-cpp)', () => {
  it.skipIf(!storiesPresent)(
    `embeds with stories260K.gguf from ${modelsDir}: 64 dimensions, long inputs truncated, index sized from the model`,
    async () => {
      expect(createHash('sha256').update(readFileSync(stories)).digest('hex')).toBe(STORIES_SHA256)
      const embedder = await GgufEmbedder.load({ modelPath: stories, threads: 1 })
      try {
        expect(embedder.dimensions).toBe(64)
        expect(embedder.id).toBe('gguf-stories260K')
        const [short, long] = (await embedder.embed(['it adds two numbers', 'expect(sum(1, 2)).toBe(3)\n'.repeat(200)])) as Float32Array[]
        expect(short).toHaveLength(64)
        expect(norm(long as Float32Array)).toBeCloseTo(1, 4)
        const store = await PatternStore.open({ path: join(tempDir(), 'patterns.db'), embedder, exactBelow: 0 })
        await store.write(fixturePatterns())
        expect(store.indexPath).toMatch(/patterns\.db\.gguf-stories260K\.hnsw$/)
        // A story model, not an embedding model: by default its vectors do not reorder the keyword ranking.
        expect(embedder.embeddingModel).toBe(false)
        expect(store.searchDefaults.denseWeight).toBe(0)
        const keywordOnly = await store.search('parses an amount with a currency code', { top: 3 })
        expect(keywordOnly.map((m) => m.pattern.id)).toEqual(store.keywordSearch('parses an amount with a currency code', 3))
        expect(keywordOnly.every((m) => m.denseRank === null)).toBe(true)
        const matches = await store.search('parses an amount with a currency code', { top: 3, denseWeight: 1 })
        expect(matches).toHaveLength(3)
        expect(matches.every((m) => m.denseRank !== null)).toBe(true)
        store.close()
      } finally {
        await embedder.close()
      }
    },
  )

  it.skipIf(!storiesPresent).each([
    ['ggml-vocab-bert-bge.gguf', true],
    ['stories260K.gguf', false],
    ['llama-2-tiny-random.gguf', false],
  ])('tells an embedding model from a generative one by its GGUF metadata: %s', async (file, expected) => {
    const { readGgufFileInfo } = await import('node-llama-cpp')
    expect(isEmbeddingModel((await readGgufFileInfo(join(modelsDir, file))).metadata as GgufArchitectureMetadata)).toBe(expected)
  })

  it('counts mean, cls and last pooling as embedding models, not rank pooling or none', () => {
    const withPooling = (pooling_type: number) => ({ general: { architecture: 'qwen3' }, qwen3: { pooling_type } })
    expect([0, 1, 2, 3, 4].map((p) => isEmbeddingModel(withPooling(p)))).toEqual([false, true, true, true, false])
    expect(isEmbeddingModel({ general: { architecture: 'nomic-bert' }, 'nomic-bert': { attention: { causal: false } } })).toBe(true)
    expect(isEmbeddingModel({ general: { architecture: 'llama' }, llama: { attention: { head_count: 8 } } })).toBe(false)
    expect(isEmbeddingModel({})).toBe(false)
  })

  it('names the missing model file and what to pass instead', async () => {
    await expect(GgufEmbedder.load({ modelPath: '/nowhere/model.gguf' })).rejects.toThrow(/No GGUF model at \/nowhere\/model.gguf/)
  })
})
