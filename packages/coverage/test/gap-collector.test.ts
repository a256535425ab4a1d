import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import libCoverage, { type FileCoverageData } from 'istanbul-lib-coverage'
import { afterAll, describe, expect, it } from 'vitest'
import { generateProject } from '../../../benchmarks/gaps/generate-project.mjs'
import { analyseFile, GapCollector } from '../src/gap-collector.js'

const dir = mkdtempSync(join(tmpdir(), 'aqe-collector-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

type CoverageJson = Record<string, FileCoverageData>

const istanbulTotals = (map: CoverageJson) => {
  const { lines, statements, functions, branches } = libCoverage
    .createCoverageMap(JSON.parse(JSON.stringify(map)))
    .getCoverageSummary()
    .toJSON()
  return { lines, statements, functions, branches }
}

/** A collector fed every file of `map`; complexity comes from no source (every gap at the top level). */
function collect(map: CoverageJson): GapCollector {
  const collector = new GapCollector({ critical: () => undefined })
  for (const [file, data] of Object.entries(map))
    collector.add(analyseFile(file, file, data, undefined, () => ({ functions: [], topLevel: 1 })))
  return collector
}

describe('the totals of a report', () => {
  it("are istanbul-lib-coverage's summary of the whole map", () => {
    const map = JSON.parse(readFileSync(generateProject(dir, { files: 300, seed: 9 }), 'utf8')) as CoverageJson
    const collector = collect(map)
    expect(collector.summary()).toEqual(istanbulTotals(map))
    expect(collector.files.map((f) => f.totals)).toEqual(
      Object.values(map).map((data) => {
        const { lines, statements, functions, branches } = libCoverage.createFileCoverage(data).toSummary().toJSON()
        return { lines, statements, functions, branches }
      }),
    )
  })

  it('are "Unknown" percentages for no files, and 100 % for files with nothing to cover, as istanbul gives them', () => {
    expect(collect({}).summary()).toEqual(istanbulTotals({}))
    const empty = { path: 'e.ts', statementMap: {}, s: {}, fnMap: {}, f: {}, branchMap: {}, b: {} } as unknown as FileCoverageData
    expect(collect({ 'e.ts': empty }).summary()).toEqual(istanbulTotals({ 'e.ts': empty }))
  })
})
