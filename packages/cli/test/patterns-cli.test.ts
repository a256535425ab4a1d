import { chmodSync, cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { aqeBin, calcFixture, repoRoot, runAqe } from '../../../test-helpers/fixture.js'
import { readOnlyRun } from '../../../test-helpers/read-only-run.js'
import { runProcess } from '../../../test-helpers/run-process.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

const tempDir = useTempDir('aqe-patterns-cli-')
const storiesModel = join(process.env.AQE_TEST_MODELS ?? join(repoRoot, '../shared/models'), 'stories260K.gguf')

interface SearchRow {
  id: number
  name: string
  file: string
  score: number
  denseRank: number | null
  keywordRank: number | null
}

const aqe = (args: string[], db: string) => runAqe([...args, '--db', db], { cwd: calcFixture })

async function indexedStore(extra: string[] = []): Promise<string> {
  const db = join(tempDir(), 'history.db')
  const result = await aqe(['patterns', 'index', 'test/**/*.test.ts', ...extra], db)
  expect(result.stderr).toContain('aqe patterns: parsing 6 test files')
  expect(result.stdout).toMatch(
    /^Indexed 30 test cases from 6 files into .*patterns\.db: 30 added, 0 updated, 0 unchanged, 0 removed \(30 patterns\)\.\n$/,
  )
  expect(result.code).toBe(0)
  return db
}

async function search(db: string, query: string, extra: string[] = []): Promise<SearchRow[]> {
  const result = await aqe(['patterns', 'search', query, '--json', ...extra], db)
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as SearchRow[]
}

describe('aqe patterns on the calc fixture', () => {
  it('indexes the real Jest and Vitest tests beside --db and finds them by text or code, best first', async () => {
    const db = await indexedStore()
    const dir = join(db, '..')
    expect(existsSync(join(dir, 'patterns.db'))).toBe(true)
    expect(existsSync(join(dir, 'patterns.db.hashed-384.hnsw'))).toBe(true)
    const rows = await search(db, 'expect(() => mean([])).toThrow(RangeError)', ['--top', '3'])
    expect(rows).toHaveLength(3)
    expect(rows[0]).toMatchObject({ name: 'stats > rejects the mean of nothing', denseRank: 1, keywordRank: 1 })
    expect(Object.keys(rows[0] as object).slice(0, 6)).toEqual(['id', 'name', 'file', 'score', 'denseRank', 'keywordRank'])
    expect(rows.map((r) => r.score)).toEqual([...rows.map((r) => r.score)].sort((a, b) => b - a))
    const vitestOnly = await search(db, 'allocate money', ['--framework', 'vitest', '--top', '30'])
    expect(vitestOnly.every((r) => r.file.startsWith('test/vitest/'))).toBe(true)
    const again = await aqe(['patterns', 'index', 'test'], db)
    expect(again.stdout).toContain('0 added, 0 updated, 30 unchanged, 0 removed (30 patterns)')
  })

  it('rebuilds a deleted vector index in memory on search, ranks the same, and saves it on the next index', async () => {
    const db = await indexedStore()
    const indexFile = join(db, '..', 'patterns.db.hashed-384.hnsw')
    const before = await search(db, 'median of an even list')
    rmSync(indexFile)
    const result = await aqe(['patterns', 'search', 'median of an even list', '--json'], db)
    expect(result.stderr).toMatch(/vector index .*patterns\.db\.hashed-384\.hnsw: missing, rebuilt from 30 stored vectors in memory only/)
    expect(JSON.parse(result.stdout)).toEqual(before)
    expect(existsSync(indexFile)).toBe(false)
    const reindex = await aqe(['patterns', 'index', 'test'], db)
    expect(reindex.stderr).toMatch(/missing, rebuilt from 30 stored vectors\n/)
    expect(existsSync(indexFile)).toBe(true)
  })

  it('searches and reports stats on a store whose directory and files are read-only', async () => {
    const db = await indexedStore()
    const dir = join(db, '..')
    const expected = await search(db, 'allocate money', ['--top', '3'])
    const before = readdirSync(dir).sort()
    chmodSync(join(dir, '..'), 0o755)
    for (const name of before) chmodSync(join(dir, name), 0o444)
    chmodSync(dir, 0o555)
    // The directory is read-only for the aqe process, root included (a read-only bind mount then).
    const aqeReadOnly = (args: string[]) => readOnlyRun(dir, [aqeBin, ...args], { ...process.env, HOME: '/tmp' })
    try {
      const result = await aqeReadOnly(['patterns', 'search', 'allocate money', '--top', '3', '--json', '--db', db])
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(JSON.parse(result.stdout)).toEqual(expected)
      const stats = await aqeReadOnly(['patterns', 'stats', '--json', '--db', db])
      expect(JSON.parse(stats.stdout)).toMatchObject({ patterns: 30, indexState: 'loaded' })
      // A command that writes cannot, and says what to fix.
      const feedback = await aqeReadOnly(['patterns', 'feedback', String(expected[0]?.id), '--accepted', '--db', db])
      expect(feedback.code).not.toBe(0)
      expect(feedback.stderr).toMatch(/Make it and its directory writable/)
      expect(readdirSync(dir).sort()).toEqual(before)
    } finally {
      chmodSync(dir, 0o755)
    }
  })

  it('counts feedback and reports it in stats', async () => {
    const db = await indexedStore()
    const [best] = await search(db, 'formats zero-decimal currencies')
    const feedback = await aqe(['patterns', 'feedback', String(best?.id), '--accepted'], db)
    expect(feedback.stdout).toBe(`Pattern #${best?.id} (money > formats zero-decimal currencies): 1 accepted, 0 rejected.\n`)
    const stats = await aqe(['patterns', 'stats', '--json'], db)
    expect(JSON.parse(stats.stdout)).toMatchObject({
      patterns: 30,
      files: 6,
      byFramework: { jest: 15, vitest: 15 },
      byLanguage: { ts: 30 },
      accepted: 1,
      rejected: 0,
      embedder: 'hashed-384',
      dimensions: 384,
      indexState: 'loaded',
      vectors: { 'hashed-384': 30 },
    })
  })

  it('searches with the 512-dim sentence encoder, embedding unseen patterns in memory; index saves them', async () => {
    const db = await indexedStore()
    const result = await aqe(
      ['patterns', 'search', 'splits an amount into equal parts', '--json', '--embedder', 'sentence', '--top', '30'],
      db,
    )
    expect(result.stderr).toContain('aqe patterns: embedding 30 patterns with use-lite-512 in memory only')
    const rows = JSON.parse(result.stdout) as SearchRow[]
    expect(rows.filter((r) => r.denseRank !== null)).toHaveLength(30)
    const readOnly = await aqe(['patterns', 'stats', '--json', '--embedder', 'sentence'], db)
    expect(JSON.parse(readOnly.stdout)).toMatchObject({ dimensions: 512, vectors: { 'hashed-384': 30 } })
    await aqe(['patterns', 'index', 'test', '--embedder', 'sentence'], db)
    const stats = await aqe(['patterns', 'stats', '--json', '--embedder', 'sentence'], db)
    expect(JSON.parse(stats.stdout)).toMatchObject({ dimensions: 512, vectors: { 'hashed-384': 30, 'use-lite-512': 30 } })
  })

  it('takes the embedder, HNSW parameters and fusion from the config, command-line options first', async () => {
    const project = tempDir()
    cpSync(join(calcFixture, 'test'), join(project, 'test'), { recursive: true })
    cpSync(join(calcFixture, 'src'), join(project, 'src'), { recursive: true })
    const patterns = { embedder: 'sentence', hnsw: { m: 12, efConstruction: 60 }, fusion: { denseWeight: 0.5, window: 20, rrfK: 30 } }
    writeFileSync(join(project, 'aqe.config.json'), JSON.stringify({ historyDb: 'store/history.db', patterns }))
    const run = (args: string[]) => runAqe(args, { cwd: project })
    expect((await run(['patterns', 'index', 'test'])).code).toBe(0)
    const stats = JSON.parse((await run(['patterns', 'stats', '--json'])).stdout)
    expect(stats).toMatchObject({
      embedder: 'use-lite-512',
      hnsw: { m: 12, efConstruction: 60 },
      fusion: { denseWeight: 0.5, keywordWeight: 1, window: 20, rrfK: 30 },
      vectors: { 'use-lite-512': 30 },
    })
    const [best] = JSON.parse((await run(['patterns', 'search', 'mean of nothing', '--json', '--top', '1'])).stdout) as SearchRow[]
    expect(best?.score).toBeCloseTo(0.5 / (30 + (best?.denseRank as number)) + 1 / (30 + (best?.keywordRank as number)), 12)
    const hashed = JSON.parse((await run(['patterns', 'stats', '--json', '--embedder', 'hashed'])).stdout)
    expect(hashed).toMatchObject({ embedder: 'hashed-384', vectors: { 'use-lite-512': 30 } })
    writeFileSync(join(project, 'aqe.config.json'), JSON.stringify({ patterns: { hnsw: { m: 1 } } }))
    const bad = await run(['patterns', 'stats'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('option "patterns.hnsw.m"')
  })

  it.skipIf(!existsSync(storiesModel))('ranks by keywords alone with a generative GGUF model, and says so', async () => {
    const db = join(tempDir(), 'history.db')
    const gguf = ['--embedder', 'gguf', '--model', storiesModel]
    expect((await aqe(['patterns', 'index', 'test/**/*.test.ts', ...gguf], db)).code).toBe(0)
    const result = await aqe(['patterns', 'search', 'parses an amount with a currency code', '--json', ...gguf], db)
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('is a generative model, not an embedding model')
    const rows = JSON.parse(result.stdout) as SearchRow[]
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.denseRank === null && r.keywordRank !== null)).toBe(true)
    expect(JSON.parse((await aqe(['patterns', 'stats', '--json', ...gguf], db)).stdout)).toMatchObject({ fusion: { denseWeight: 0 } })
  })

  it.each([
    [['patterns', 'search', 'x', '--top', '0'], '--top must be a positive integer, got "0".'],
    [['patterns', 'search', 'x', '--embedder', 'bert'], '--embedder must be one of hashed, sentence, gguf, got "bert".'],
    [
      ['patterns', 'search', 'x', '--category', 'fuzzy'],
      '--category must be one of error-handling, snapshot, mocking, async, assertion, got "fuzzy".',
    ],
    [['patterns', 'search', 'x', '--embedder', 'gguf'], '--embedder gguf needs --model <file.gguf>'],
    [['patterns', 'stats'], 'No pattern store at'],
    [['patterns', 'index', 'missing/**/*.test.ts'], 'No JS or TS files match "missing/**/*.test.ts"'],
    [['patterns', 'feedback', '1'], 'pass exactly one of --accepted or --rejected'],
  ])('rejects bad input with exit 2: %j', async (args, message) => {
    const result = await aqe(args, join(tempDir(), 'history.db'))
    expect(result.stderr).toContain(message)
    expect(result.code).toBe(2)
  })

  it('loads the pattern store and hnswlib only for patterns commands', async () => {
    const db = await indexedStore()
    const logImports = join(import.meta.dirname, 'fixtures', 'log-pattern-imports.mjs')
    const bin = join(import.meta.dirname, '..', 'dist', 'bin.js')
    const run = (args: string[]) => runProcess(process.execPath, ['--import', logImports, bin, ...args], { cwd: calcFixture })
    const history = await run(['history', '--json', '--db', join(tempDir(), 'h.db')])
    expect(history.stderr).not.toContain('[import]')
    const stats = await run(['patterns', 'stats', '--db', db])
    expect(stats.stderr).toContain('[import] @aqe/patterns')
    expect(stats.stderr).toContain('[import] hnswlib-node')
    expect(stats.stderr).not.toContain('[import] @energetic-ai/embeddings')
  })
})
