import { describe, expect, it } from 'vitest'
import { parseCoverageEntry, splitCoverageEntries } from '../src/coverage-entries.js'

const fileCoverage = (path: string, hits: number) => ({
  path,
  statementMap: { '0': { start: { line: 1, column: 0 }, end: { line: 1, column: 9 } } },
  fnMap: {},
  branchMap: {},
  s: { '0': hits },
  f: {},
  b: {},
})

/** The entries as the split gives them, each parsed. */
function split(text: string) {
  return splitCoverageEntries(text)?.map((entry) => [entry.key, parseCoverageEntry(text, entry.start, entry.end)])
}

describe('splitting coverage-final.json into entries without parsing it', () => {
  const map = {
    '/p/src/a.ts': fileCoverage('/p/src/a.ts', 1),
    'src/quo"te\\d.ts': fileCoverage('src/quo"te\\d.ts', 0),
    '/p/src/{"path":x}.ts': fileCoverage('/p/src/{"path":x}.ts', 2),
  }

  it('finds every entry of compact JSON, in order, with keys decoded', () => {
    expect(split(JSON.stringify(map))).toEqual(Object.entries(map))
  })

  it('finds them in indented JSON too', () => {
    expect(split(JSON.stringify(map, null, 2))).toEqual(Object.entries(map))
    expect(split(` \n${JSON.stringify(map, null, '\t')}\n`)).toEqual(Object.entries(map))
  })

  it('declines what it cannot split exactly, leaving it to a whole parse', () => {
    // An entry whose value does not start with path, as some other writer may lay it out.
    const pathLast = { 'a.ts': { ...fileCoverage('a.ts', 1), path: undefined }, 'b.ts': fileCoverage('b.ts', 1) }
    const reordered = JSON.stringify(pathLast).replace('{"statementMap"', '{"x":1,"statementMap"')
    expect(splitCoverageEntries(reordered)).toBeUndefined()
    // A repeated key: a whole parse keeps only the last value.
    expect(
      splitCoverageEntries(`{"a.ts":${JSON.stringify(fileCoverage('a.ts', 1))},"a.ts":${JSON.stringify(fileCoverage('a.ts', 0))}}`),
    ).toBeUndefined()
    // A numeric key: a whole parse would order it first.
    expect(
      splitCoverageEntries(`{"b.ts":${JSON.stringify(fileCoverage('b.ts', 1))},"7":${JSON.stringify(fileCoverage('7', 0))}}`),
    ).toBeUndefined()
    expect(splitCoverageEntries('{}')).toBeUndefined()
    expect(splitCoverageEntries('[]')).toBeUndefined()
  })

  it('gives entries that fail to parse when the text is not what it looks like', () => {
    // A nested object that starts with "path" splits inside an entry: the pieces do not parse.
    const nested = { 'a.ts': { ...fileCoverage('a.ts', 1), extra: { path: 'x' } }, 'b.ts': fileCoverage('b.ts', 1) }
    const text = JSON.stringify(nested)
    const entries = splitCoverageEntries(text)
    expect(() => entries?.map((entry) => parseCoverageEntry(text, entry.start, entry.end))).toThrow()
    // Broken JSON inside an entry.
    const broken = JSON.stringify(map).replace('"s":{"0":1}', '"s":{"0":}')
    const parts = splitCoverageEntries(broken)
    expect(() => parts?.map((entry) => parseCoverageEntry(broken, entry.start, entry.end))).toThrow(SyntaxError)
  })

  it('rejects an entry that is not a file coverage, as istanbul-lib-coverage does', () => {
    const text = JSON.stringify({ 'a.ts': { path: 'a.ts', statementMap: {} } })
    const [entry] = splitCoverageEntries(text) ?? []
    expect(entry).toBeDefined()
    expect(() => parseCoverageEntry(text, entry?.start ?? 0, entry?.end ?? 0)).toThrow('not a FileCoverage')
  })
})
