import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AjvModule from 'ajv-draft-04'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calcFixture } from '../../../test-helpers/fixture.js'
import { analyseGaps, sarifReport } from '../src/index.js'
import { fixtureCoverage } from './support/fixture-coverage.js'

// The SARIF 2.1.0 schema (rtm.5, as published on SchemaStore) ships inside Microsoft's
// @microsoft/jest-sarif package; it is a draft-04 JSON Schema, hence ajv-draft-04.
// ajv-draft-04 is CommonJS with `exports.default`; under NodeNext typing the class sits on `.default`.
const Ajv = AjvModule.default
const schemaFile = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')

const dir = mkdtempSync(join(tmpdir(), 'aqe-gaps-sarif-'))
let coverage: string
beforeAll(async () => {
  coverage = await fixtureCoverage('jest-babel', dir)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('SARIF report', () => {
  it('validates against the SARIF 2.1.0 schema and locates each gap', () => {
    const report = analyseGaps({ coverageFiles: [coverage], root: calcFixture })
    const log = JSON.parse(sarifReport(report))
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false })
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')))
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true)
    const results = log.runs[0].results
    expect(results).toHaveLength(report.gaps.length)
    expect(results[0].ruleId).toBe('aqe/uncovered-statements')
    expect(results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/retry.ts', uriBaseId: 'SRCROOT' },
      region: { startLine: 20, startColumn: 7, endLine: 28, endColumn: 18 },
    })
    const fingerprints = results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['aqeGap/v1'])
    expect(new Set(fingerprints).size).toBe(fingerprints.length)
  })

  it('writes its results as JSON.stringify would, with the reasons and score of each gap', () => {
    const report = analyseGaps({ coverageFiles: [coverage], root: calcFixture })
    // Gaps with quotes, backslashes and control characters in their text, and one without an end column.
    const [first, second] = report.gaps
    if (!first || !second) throw new Error('the fixture should have gaps')
    const odd = {
      ...first,
      file: 'src/we"ird\\path\t.ts',
      reasons: [{ signal: 'uncovered' as const, value: 'a "b"', text: 'line\nbreak' }],
    }
    const flat = { ...second, endColumn: 0, changed: true }
    const text = sarifReport({ ...report, gaps: [odd, flat, ...report.gaps] })
    expect(text.endsWith('\n')).toBe(true)
    const log = JSON.parse(text)
    expect(`${JSON.stringify(log)}\n`).toBe(text)
    expect(log.runs[0].results[0].message.text).toBe(`line\nbreak (score ${odd.score.toFixed(1)})`)
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(odd.file)
    expect(log.runs[0].results[0].properties).toEqual({
      score: odd.score,
      complexity: odd.complexity,
      crap: odd.crap,
      reasons: odd.reasons,
    })
    expect(log.runs[0].results[1].level).toBe('warning')
    expect(log.runs[0].results[1].locations[0].physicalLocation.region.endColumn).toBeUndefined()
  })

  it('rejects a broken log, so the validation above has teeth', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false })
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')))
    expect(validate({ version: '2.1.0', runs: [{ results: [{ message: {} }] }] })).toBe(false)
  })
})
