import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { LocalProvider, ModelPool, verifyModel } from '../dist/index.js'
import { writeTinyGguf } from './helpers/write-tiny-gguf.js'

// Runs everywhere: the model is written by the test itself, no shared files needed.
describe('a self-made tiny GGUF model in the worker pool', () => {
  const tempDir = useTempDir()
  let pool: ModelPool
  let local: LocalProvider

  beforeAll(() => {
    pool = new ModelPool({ workers: 1, threadsPerWorker: 1, contextSize: 256 })
  })
  afterAll(async () => {
    await pool.close()
  })

  it('loads, generates, follows a JSON grammar and embeds', async () => {
    const path = join(tempDir(), 'tiny.gguf')
    writeTinyGguf(path)
    expect((await verifyModel(path)).ok).toBe(true)
    local = new LocalProvider(path, pool)
    expect(await local.contextSize()).toBe(256)

    const plain = await local.complete({ prompt: 'hello', maxTokens: 8 })
    expect(plain.outputTokens).toBeGreaterThan(0)

    const schema = {
      type: 'object',
      properties: { id: { type: 'string', maxLength: 6 }, ok: { type: 'boolean' } },
      required: ['id', 'ok'],
    }
    const structured = await local.complete({ prompt: 'status', maxTokens: 40, schema })
    expect(structured.json).toEqual({ id: expect.any(String), ok: expect.any(Boolean) })

    const { vectors } = await local.embed(['abc', 'xyz'])
    expect(vectors.map((v) => v.length)).toEqual([32, 32])
    // SPM prefixes a space; the vocabulary has one token per character, so "▁hi▁there" is 9 tokens.
    const tokens = await local.tokenize('hi there')
    expect(tokens).toHaveLength(9)
    expect(tokens[3]).toBe(tokens[0])
  })
})
