import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { validateConfig } from '../src/config/config-schema.js'
import { loadConfig } from '../src/config/load-config.js'
import { isAqeError } from '../src/errors.js'

const tempDir = useTempDir('aqe-patterns-config-')

describe('the patterns config section', () => {
  it('accepts every documented option and keeps the values', () => {
    const patterns = {
      embedder: 'gguf',
      model: 'models/code-embed.gguf',
      threads: 2,
      exactBelow: 0,
      keywordThreadFrom: 50_000,
      hnsw: { m: 48, efConstruction: 400, efSearch: 256 },
      fusion: { window: 20, rrfK: 30, denseWeight: 0.5, keywordWeight: 1, feedbackWeight: 0 },
    }
    expect(validateConfig({ patterns }, 'aqe.config.json').patterns).toEqual(patterns)
  })

  it('takes false for keywordThreadFrom: never start the keyword thread', () => {
    expect(validateConfig({ patterns: { keywordThreadFrom: false } }, 'aqe.config.json').patterns).toEqual({ keywordThreadFrom: false })
  })

  it('is optional, and so is each of its fields', () => {
    expect(validateConfig({}, 'aqe.config.json').patterns).toBeUndefined()
    expect(validateConfig({ patterns: { hnsw: {}, fusion: {} } }, 'aqe.config.json').patterns).toEqual({ hnsw: {}, fusion: {} })
  })

  it.each([
    [{ embedder: 'bert' }, 'option "patterns.embedder"'],
    [{ threads: 0 }, 'option "patterns.threads"'],
    [{ exactBelow: -1 }, 'option "patterns.exactBelow"'],
    [{ keywordThreadFrom: true }, 'option "patterns.keywordThreadFrom"'],
    [{ keywordThreadFrom: 10.5 }, 'option "patterns.keywordThreadFrom"'],
    [{ hnsw: { m: 1 } }, 'option "patterns.hnsw.m"'],
    [{ hnsw: { m: 16.5 } }, 'option "patterns.hnsw.m"'],
    [{ hnsw: { efConstruction: 0 } }, 'option "patterns.hnsw.efConstruction"'],
    [{ hnsw: { efSearch: '100' } }, 'option "patterns.hnsw.efSearch"'],
    [{ fusion: { window: 0 } }, 'option "patterns.fusion.window"'],
    [{ fusion: { rrfK: -1 } }, 'option "patterns.fusion.rrfK"'],
    [{ fusion: { denseWeight: -0.1 } }, 'option "patterns.fusion.denseWeight"'],
    [{ fusion: { keywordWeight: Number.POSITIVE_INFINITY } }, 'option "patterns.fusion.keywordWeight"'],
    [{ fusion: { denseWeight: 0, keywordWeight: 0 } }, 'option "patterns.fusion": denseWeight and keywordWeight cannot both be 0'],
    [{ hnsw: { M: 16 } }, 'unknown option "M"'],
    [{ embeder: 'hashed' }, 'unknown option "embeder"'],
  ])('names the bad option %j', (patterns, message) => {
    let error: unknown
    try {
      validateConfig({ patterns }, 'aqe.config.json')
    } catch (e) {
      error = e
    }
    expect(isAqeError(error, 'AQE_CONFIG_INVALID')).toBe(true)
    expect((error as Error).message).toContain(message)
    expect((error as Error).message).toContain('aqe.config.json')
  })

  it('allows one weight to be 0, which switches that retriever off', () => {
    expect(validateConfig({ patterns: { fusion: { denseWeight: 0 } } }, 'x').patterns?.fusion?.denseWeight).toBe(0)
  })

  it('loads from the "aqe" key of package.json', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', aqe: { patterns: { embedder: 'sentence', hnsw: { m: 24 } } } }))
    expect((await loadConfig(dir)).config.patterns).toEqual({ embedder: 'sentence', hnsw: { m: 24 } })
  })
})
