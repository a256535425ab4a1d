import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { expandGlobs, parseTestFile, testFilePatterns } from '../src/index.js'
import { calcRoot, fixturePatterns } from './corpus.js'

const tempDir = useTempDir('aqe-patterns-parse-')

describe('indexing the fixture project’s real test files', () => {
  it('finds one pattern per test case, named through its describe blocks, with the runner detected', () => {
    const patterns = fixturePatterns()
    expect(patterns).toHaveLength(30)
    const jest = patterns.filter((p) => p.file.startsWith('test/jest/'))
    expect(jest.every((p) => p.framework === 'jest')).toBe(true)
    expect(patterns.filter((p) => p.file.startsWith('test/vitest/')).every((p) => p.framework === 'vitest')).toBe(true)
    expect(jest.filter((p) => p.file.endsWith('stats.test.ts')).map((p) => p.name)).toEqual([
      'stats > computes the mean',
      'stats > rejects the mean of nothing',
      'stats > median > takes the middle of an odd list',
      'stats > median > averages the middle pair of an even list',
      'stats > interpolates percentiles',
    ])
    expect(patterns.every((p) => p.language === 'ts' && p.origin === 'indexed')).toBe(true)
  })

  it('keeps the test’s own code and the source of the functions it imports', () => {
    const median = fixturePatterns().find((p) => p.file === 'test/vitest/stats.test.ts' && p.name.endsWith('odd list'))
    expect(median?.code).toMatch(
      /^it\('takes the middle of an odd list', \(\) => \{[\s\S]*expect\(median\(\[5, 1, 3\]\)\)\.toBe\(3\)[\s\S]*\}\)$/,
    )
    expect(median?.subject).toMatch(/^export function median\(/)
    expect(median?.subject).not.toMatch(/function mean\(/)
  })

  it('categorises by technique', () => {
    const byName = new Map(fixturePatterns().map((p) => [`${p.file} ${p.name}`, p.category]))
    expect(byName.get('test/jest/stats.test.ts stats > rejects the mean of nothing')).toBe('error-handling')
    expect(byName.get('test/vitest/unstable.test.ts unstable > talks to a flaky service')).toBe('async')
    expect(byName.get('test/jest/stats.test.ts stats > computes the mean')).toBe('assertion')
  })

  it('expands globs, directories and plain paths the same way', () => {
    const viaGlob = expandGlobs(['test/**/*.test.ts'], calcRoot)
    const viaDirs = expandGlobs(['test/jest', 'test/vitest'], calcRoot)
    expect(viaGlob).toEqual(viaDirs.filter((f) => f.endsWith('.test.ts')))
    expect(viaGlob).toHaveLength(6)
  })
})

describe('parsing test files', () => {
  it('reads JS with it.each, test.only, template titles, snapshots and mocks', () => {
    const source = [
      "const { sum } = require('./sum')",
      "describe('sum', () => {",
      "  it.each([[1, 2, 3]])('adds %i and %i', (a, b, c) => expect(sum(a, b)).toBe(c))",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the JS source under test has a template title
      "  test.only(`adds ${'zero'}`, () => expect(sum(0, 0)).toMatchSnapshot())",
      "  it('calls back', () => { const cb = jest.fn(); sum(1, 1, cb); expect(cb).toHaveBeenCalled() })",
      '})',
    ].join('\n')
    const parsed = parseTestFile(source, 'sum.test.js')
    expect(parsed.framework).toBe('jest')
    expect(parsed.tests.map((t) => t.name)).toEqual(['sum > adds %i and %i', 'sum > adds …', 'sum > calls back'])
  })

  it('detects Vitest and indexes a JS file with the code it imports', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'sum.js'), 'export const sum = (a, b) => a + b\nexport function unused() {}\n')
    writeFileSync(
      join(dir, 'sum.test.js'),
      "import { it, expect, vi } from 'vitest'\nimport { sum } from './sum.js'\nit('adds', () => { vi.fn(); expect(sum(1, 2)).toBe(3) })\n",
    )
    const [pattern] = testFilePatterns([join(dir, 'sum.test.js')], { root: dir })
    expect(pattern).toEqual({
      name: 'adds',
      file: 'sum.test.js',
      code: "it('adds', () => { vi.fn(); expect(sum(1, 2)).toBe(3) })",
      subject: 'export const sum = (a, b) => a + b',
      framework: 'vitest',
      language: 'js',
      category: 'mocking',
      origin: 'indexed',
    })
  })

  it('follows re-exports (export { x } from, export * from) to the declaration under test', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'sum.ts'), 'export function sum(a: number, b: number): number {\n  return a + b\n}\n')
    writeFileSync(join(dir, 'math.ts'), "export * from './sum.js'\n")
    writeFileSync(join(dir, 'index.ts'), "export { sum as add } from './math.js'\n")
    writeFileSync(join(dir, 'add.test.ts'), "import { add } from './index.js'\ntest('adds', () => expect(add(1, 2)).toBe(3))\n")
    const [pattern] = testFilePatterns([join(dir, 'add.test.ts')], { root: dir })
    expect(pattern?.subject).toBe('export function sum(a: number, b: number): number {\n  return a + b\n}')
  })
})
