import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalProvider, ModelPool, renderPrompt } from '../dist/index.js'
import { sharedModel, sharedModelsPresent } from './helpers/shared-models.js'

const template = 'You write Vitest tests.\nSource:\n{{source}}\nWrite a test for {{name}}.'
const source = Array.from({ length: 200 }, (_, i) => `export function f${i}(a: number) { return a * ${i} }`).join('\n')

describe.runIf(sharedModelsPresent)('prompt budgeting with a real code tokenizer (deepseek-coder vocabulary)', () => {
  let pool: ModelPool
  let countTokens: (text: string) => Promise<number>

  beforeAll(() => {
    pool = new ModelPool({ workers: 1, threadsPerWorker: 1 })
    const vocab = new LocalProvider(sharedModel('ggml-vocab-deepseek-coder.gguf'), pool)
    countTokens = async (text) => (await vocab.tokenize(text)).length
  })
  afterAll(async () => {
    await pool.close()
  })

  it('leaves a prompt that fits untouched', async () => {
    const rendered = await renderPrompt(
      template,
      { source: 'export const x = 1', name: 'x' },
      { budgetTokens: 200, countTokens, truncatable: ['source'] },
    )
    expect(rendered.truncated).toEqual([])
    expect(rendered.prompt).toContain('export const x = 1')
    expect(rendered.tokens).toBe(await countTokens(rendered.prompt))
  })

  it('truncates the context so the prompt fills the budget without overflowing it', async () => {
    const full = await countTokens(template.replace('{{source}}', source).replace('{{name}}', 'f3'))
    expect(full).toBeGreaterThan(1000)
    const rendered = await renderPrompt(template, { source, name: 'f3' }, { budgetTokens: 300, countTokens, truncatable: ['source'] })
    expect(rendered.truncated).toEqual(['source'])
    expect(rendered.tokens).toBeLessThanOrEqual(300)
    expect(rendered.tokens).toBeGreaterThan(280)
    expect(rendered.prompt).toMatch(/\[…truncated\]\nWrite a test for f3\.$/)
  })

  it('refuses when even the fixed text does not fit, and names the sizes', async () => {
    await expect(renderPrompt(template, { source, name: 'f3' }, { budgetTokens: 5, countTokens, truncatable: ['source'] })).rejects.toThrow(
      /needs \d+ tokens but only 5 fit/,
    )
  })
})
