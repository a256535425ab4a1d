import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { type FileComplexity, measureComplexity } from '../src/complexity.js'
import { packComplexities, unpackComplexities } from '../src/complexity-transfer.js'

const plain = (result: FileComplexity) => ({
  ...result,
  functions: result.functions.map((f) => ({
    ...f,
    start: { line: f.start.line, column: f.start.column },
    end: { line: f.end.line, column: f.end.column },
  })),
})

describe('measurements packed to cross threads', () => {
  it("come back as they were, for this package's own sources", () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), '../src')
    const results = readdirSync(src).map((name) => measureComplexity(readFileSync(join(src, name), 'utf8'), name))
    results.push({ functions: [], topLevel: 1, parseError: 'Unexpected token (1:3)' }, { functions: [], topLevel: 4 })
    expect(results.some((r) => r.functions.length > 5)).toBe(true)
    expect(unpackComplexities(packComplexities(results))).toEqual(results.map(plain))
  })

  it('survive an empty batch', () => {
    expect(unpackComplexities(packComplexities([]))).toEqual([])
  })
})
