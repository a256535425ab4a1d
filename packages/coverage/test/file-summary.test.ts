import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import libCoverage, { type FileCoverageData } from 'istanbul-lib-coverage'
import { afterAll, describe, expect, it } from 'vitest'
import { generateProject } from '../../../benchmarks/gaps/generate-project.mjs'
import { summariseFile } from '../src/file-summary.js'

const dir = mkdtempSync(join(tmpdir(), 'aqe-summary-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const istanbul = (data: FileCoverageData) =>
  libCoverage
    .createFileCoverage(JSON.parse(JSON.stringify(data)))
    .toSummary()
    .toJSON()

describe("a file's summary", () => {
  it("is istanbul-lib-coverage's own, for every file of a generated project", () => {
    const map = JSON.parse(readFileSync(generateProject(dir, { files: 200, seed: 11 }), 'utf8')) as Record<string, FileCoverageData>
    for (const data of Object.values(map)) expect(summariseFile(data).toJSON()).toEqual(istanbul(data))
  })

  it('counts a line once, covered when any statement on it ran, and handles what istanbul tolerates', () => {
    const at = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 5 } })
    const data = {
      path: 'a.ts',
      // Three statements on line 1 (one ran), one on line 2 that did not, and a hit without a statement.
      statementMap: { '0': at(1), '1': at(1), '2': at(1), '3': at(2) },
      s: { '0': 0, '1': 4, '2': 0, '3': 0, '9': 3 },
      fnMap: {},
      f: { '0': 2, '1': 0 },
      branchMap: {},
      b: { '0': [1, 0, 0], '1': [] },
      bT: { '0': [1, 1, 0] },
    } as unknown as FileCoverageData
    const summary = summariseFile(data).toJSON() as ReturnType<typeof istanbul> & { branchesTrue?: unknown }
    expect(summary).toEqual(istanbul(data))
    expect(summary.lines).toEqual({ total: 2, covered: 1, skipped: 0, pct: 50 })
    expect(summary.branchesTrue).toEqual({ total: 3, covered: 2, skipped: 0, pct: 66.66 })
  })

  it('gives 100 % for nothing to cover, as istanbul does', () => {
    const data = { path: 'e.ts', statementMap: {}, s: {}, fnMap: {}, f: {}, branchMap: {}, b: {} } as unknown as FileCoverageData
    expect(summariseFile(data).toJSON()).toEqual(istanbul(data))
  })
})
