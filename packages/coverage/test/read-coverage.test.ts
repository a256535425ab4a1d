import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readCoverageTexts } from '../src/read-coverage.js'

const dir = mkdtempSync(join(tmpdir(), 'aqe-read-coverage-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('reading coverage text', () => {
  it('gives what a UTF-8 read gives, for ASCII, other UTF-8, a byte-order mark and invalid bytes', () => {
    const contents: (string | Buffer)[] = [
      '{"/p/a.ts":{"path":"/p/a.ts"}}',
      '{"/p/café ✓.ts":{"path":"/p/café ✓.ts"}}',
      '\uFEFF{"a.ts":{}}',
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    ]
    const files = contents.map((content, i) => {
      const file = join(dir, `coverage-${i}.json`)
      writeFileSync(file, content)
      return file
    })
    expect(readCoverageTexts(files)).toEqual(files.map((file) => readFileSync(file, 'utf8')))
  })

  it('gives nothing when a file is missing, so that the reader reports it', () => {
    expect(readCoverageTexts([join(dir, 'missing.json')])).toBeUndefined()
  })
})
