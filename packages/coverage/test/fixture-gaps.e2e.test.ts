import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import libCoverage from 'istanbul-lib-coverage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calcFixture } from '../../../test-helpers/fixture.js'
import { analyseGaps, type Gap, type GapReport } from '../src/index.js'
import { COVERAGE_KINDS, type CoverageKind, fixtureCoverage } from './support/fixture-coverage.js'

const coverage = new Map<CoverageKind, string>()
const dir = mkdtempSync(join(tmpdir(), 'aqe-gaps-'))

afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(async () => {
  for (const kind of COVERAGE_KINDS) coverage.set(kind, await fixtureCoverage(kind, join(dir, kind)))
})

function istanbulSummary(...files: string[]) {
  const map = libCoverage.createCoverageMap({})
  for (const file of files) map.merge(libCoverage.createCoverageMap(JSON.parse(readFileSync(file, 'utf8'))))
  const { lines, statements, functions, branches } = map.getCoverageSummary().toJSON()
  return { lines, statements, functions, branches }
}

function uncovered(report: GapReport, pick: (gap: Gap) => number, kinds: Gap['kind'][]) {
  return report.gaps.filter((g) => kinds.includes(g.kind)).reduce((sum, g) => sum + pick(g), 0)
}

describe.each(COVERAGE_KINDS)('gaps from the fixture coverage of %s', (kind) => {
  const report = () => analyseGaps({ coverageFiles: [coverage.get(kind) ?? ''], root: calcFixture })

  it('has totals equal to istanbul-lib-coverage summary, and gaps that add up to them', () => {
    const r = report()
    const summary = istanbulSummary(coverage.get(kind) ?? '')
    expect(r.totals).toEqual(summary)
    const map = libCoverage.createCoverageMap(JSON.parse(readFileSync(coverage.get(kind) ?? '', 'utf8')))
    for (const path of map.files()) {
      const { lines, statements, functions, branches } = map.fileCoverageFor(path).toSummary().toJSON()
      expect(r.files.find((f) => path.endsWith(f.file))?.totals).toEqual({ lines, statements, functions, branches })
    }
    expect(r.gaps.filter((g) => g.kind === 'function')).toHaveLength(summary.functions.total - summary.functions.covered)
    expect(uncovered(r, (g) => g.uncoveredStatements, ['function', 'statements'])).toBe(
      summary.statements.total - summary.statements.covered,
    )
    expect(uncovered(r, (g) => g.uncoveredBranches, ['function', 'branch'])).toBe(summary.branches.total - summary.branches.covered)
  })

  it('reports the never-called functions as spans with their names and complexity from the source', () => {
    const functions = report().gaps.filter((g) => g.kind === 'function' && g.functionName !== '(top level)')
    const addMoney = functions.find((g) => g.functionName === 'addMoney')
    const stddev = functions.find((g) => g.functionName === 'stddev')
    expect([addMoney?.file, addMoney?.startLine, addMoney?.endLine, addMoney?.complexity]).toEqual(['src/money.ts', 30, 33, 2])
    expect([stddev?.file, stddev?.startLine, stddev?.endLine]).toEqual(['src/stats.ts', 28, 33])
  })

  it('ranks best-first and explains every gap', () => {
    const gaps = report().gaps
    expect(gaps.map((g) => g.score)).toEqual([...gaps.map((g) => g.score)].sort((a, b) => b - a))
    const top = gaps[0]
    expect(top?.file).toBe('src/retry.ts')
    expect(top?.functionName).toBe('retry')
    expect(top?.complexity).toBe(9)
    expect(top?.reasons.map((r) => r.signal)).toEqual(expect.arrayContaining(['uncovered', 'complexity', 'crap']))
    expect(top?.reasons.find((r) => r.signal === 'complexity')?.text).toBe('in retry, cyclomatic complexity 9')
  })
})

describe('gap spans', () => {
  it("keeps istanbul's implicit-else distinction for the if without else in retry", () => {
    for (const kind of ['jest-babel', 'vitest-istanbul', 'vitest-v8'] as const) {
      const r = analyseGaps({ coverageFiles: [coverage.get(kind) ?? ''], root: calcFixture })
      const arms = r.gaps.filter((g) => g.file === 'src/retry.ts' && g.startLine === 21 && g.kind === 'branch' && g.branch?.type === 'if')
      expect(
        arms.map((g) => [g.branch?.arm, g.branch?.implicitElse, g.branch?.label]),
        kind,
      ).toEqual([
        [0, false, 'if path not taken'],
        [1, true, 'else path not taken (implicit else)'],
      ])
    }
  })

  it('merges shards: two coverage files give the totals istanbul gives for their merge', () => {
    const files = [coverage.get('jest-babel') ?? '', coverage.get('vitest-istanbul') ?? '']
    expect(analyseGaps({ coverageFiles: files, root: calcFixture }).totals).toEqual(istanbulSummary(...files))
  })

  it('takes an in-process coverage map as Vitest hands it to onCoverage', () => {
    const file = coverage.get('vitest-v8') ?? ''
    const map = libCoverage.createCoverageMap(JSON.parse(readFileSync(file, 'utf8')))
    const fromMap = analyseGaps({ coverageMap: map, root: calcFixture })
    expect(fromMap.gaps).toEqual(analyseGaps({ coverageFiles: [file], root: calcFixture }).gaps)
  })

  it('doubles the score of gaps in critical files and says which glob matched', () => {
    const file = coverage.get('jest-babel') ?? ''
    const plain = analyseGaps({ coverageFiles: [file], root: calcFixture, churn: false })
    const critical = analyseGaps({ coverageFiles: [file], root: calcFixture, churn: false, critical: ['src/mon*.ts'] })
    const find = (r: GapReport) => r.gaps.find((g) => g.functionName === 'addMoney' && g.kind === 'function')
    expect(find(critical)?.score).toBe((find(plain)?.score ?? 0) * 2)
    expect(find(critical)?.reasons.at(-1)).toEqual({
      signal: 'critical',
      value: 'src/mon*.ts',
      text: 'critical file (matches src/mon*.ts)',
    })
  })
})
