import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { exploreModule, renderTestFile } from '../src/explore/explore-module.js'
import type { ExploreResult } from '../src/explore/explore-types.js'

const calc = fileURLToPath(new URL('../../../fixtures/calc', import.meta.url))
const VITEST_IMPORT = "import { describe, expect, it } from 'vitest'"
const temp = mkdtempSync(join(tmpdir(), 'aqe-explore-test-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

const lineOf = (file: string, text: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text)) + 1

function explore(sourceFile: string, testFile: string, budgetMs = 15_000, root = calc): Promise<ExploreResult> {
  return exploreModule({ root, sourceFile, testFile, framework: 'vitest', frameworkImport: VITEST_IMPORT, budgetMs })
}

describe('exploreModule on the calc fixture (TypeScript through tsx)', () => {
  const money = join(calc, 'src/money.ts')
  const testFile = join(calc, 'test/vitest/money.explored.test.ts')
  let result: ExploreResult
  it('finds calls that reach the SyntaxError of parseMoney and the currency mismatch of addMoney', async () => {
    const syntaxLine = lineOf(money, 'throw new SyntaxError')
    const mismatchLine = lineOf(money, 'throw new TypeError')
    result = await explore(money, testFile)
    expect(result.problems).toEqual([])
    const parseThrows = result.tests.find((t) => t.exportPath[0] === 'parseMoney' && t.code.includes('toThrow('))
    const addThrows = result.tests.find((t) => t.exportPath[0] === 'addMoney' && t.code.includes('toThrow('))
    expect(parseThrows?.code).toContain('cannot parse money')
    expect(parseThrows?.newLines).toContain(syntaxLine)
    expect(addThrows?.code).toMatch(/cannot add \w+ to/)
    expect(addThrows?.newLines).toContain(mismatchLine)
    expect(new Set(result.tests.map((t) => t.name)).size).toBe(result.tests.length)
    expect(result.header).toBe(`${VITEST_IMPORT}\nimport { addMoney, allocate, formatMoney, parseMoney } from '../../src/money'`)
  })

  it('writes a file that passes in the fixture’s own Vitest', () => {
    expect(result.tests.length).toBeGreaterThan(3)
    const file = join(calc, 'test/vitest', `aqe-explore-${process.pid}-${Date.now()}.test.ts`)
    writeFileSync(file, renderTestFile(result, 'money (explored)'))
    try {
      const run = spawnSync(join(calc, 'node_modules/.bin/vitest'), ['run', file, '--root', calc, '--retry=0', '--reporter=json'], {
        cwd: calc,
        encoding: 'utf8',
        env: { ...process.env, AQE_DISABLE: '1', AQE_HISTORY_DB: join(temp, 'history.db') },
      })
      const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')))
      expect(report.numFailedTests).toBe(0)
      expect(report.numPassedTests).toBe(result.tests.length)
    } finally {
      rmSync(file, { force: true })
    }
  })

  it('reaches the empty-list and out-of-range errors of stats', async () => {
    const stats = join(calc, 'src/stats.ts')
    const found = await explore(stats, join(calc, 'test/vitest/stats.explored.test.ts'))
    const throwing = found.tests.filter((t) => t.code.includes('toThrow(')).map((t) => t.exportPath[0])
    expect(throwing).toEqual(expect.arrayContaining(['mean', 'median', 'percentile']))
    expect(found.tests.find((t) => t.code.includes('percentile must be within'))?.newLines).toContain(
      lineOf(stats, 'percentile must be within'),
    )
  })
})

describe('exploreModule on CommonJS and misbehaving modules', () => {
  const write = (name: string, source: string) => {
    const dir = join(temp, name)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name }))
    writeFileSync(join(dir, 'index.js'), source)
    return join(dir, 'index.js')
  }

  it('explores functions, classes and their methods, and callbacks of a CommonJS module', async () => {
    const file = write(
      'shapes',
      `class Counter {
  constructor(start) { this.count = typeof start === 'number' ? start : 0 }
  inc(by) { if (by < 0) throw new RangeError('negative step'); this.count += by; return this.count }
}
function each(list, cb) { if (!Array.isArray(list)) return -1; list.forEach((x) => cb(x)); return list.length }
module.exports = { Counter, each, grade(n) { return n > 90 ? 'A' : n > 50 ? 'B' : 'C' } }
`,
    )
    const result = await explore(file, join(temp, 'shapes/test/index.test.js'), 6000, join(temp, 'shapes'))
    expect(result.problems).toEqual([])
    expect(result.header).toBe(`${VITEST_IMPORT}\nimport shapes from '../index.js'`)
    const paths = result.tests.map((t) => t.exportPath.join('.'))
    expect(paths).toContain('default.Counter.prototype.inc')
    expect(result.tests.some((t) => t.code.includes("toThrow('negative step')"))).toBe(true)
    expect(result.tests.some((t) => t.exportPath[1] === 'each' && /expect\(calls\)\.toEqual\(\[\[/.test(t.code))).toBe(true)
    const grades = new Set(result.tests.filter((t) => t.exportPath[1] === 'grade').map((t) => /toBe\('(\w)'\)/.exec(t.code)?.[1]))
    expect(grades).toEqual(new Set(['A', 'B', 'C']))
    // The module itself is untouched by exploring.
    expect(readFileSync(file, 'utf8')).toContain('module.exports = { Counter')
  })

  it('reports a module that hangs on load, within the budget', async () => {
    const file = write('hangs', 'while (true) {}\nmodule.exports = () => 1\n')
    const started = Date.now()
    const result = await explore(file, join(temp, 'hangs/index.test.js'), 3000, join(temp, 'hangs'))
    expect(Date.now() - started).toBeLessThan(6000)
    expect(result.tests).toEqual([])
    expect(result.problems.join('\n')).toMatch(/did not load/)
  })

  it('reports a module that calls process.exit on load', async () => {
    const file = write('exits', "console.log('bye')\nprocess.exit(3)\n")
    const result = await explore(file, join(temp, 'exits/index.test.js'), 5000, join(temp, 'exits'))
    expect(result.tests).toEqual([])
    expect(result.problems.join('\n')).toMatch(/cannot load .*process\.exit\(3\)/)
  })

  it('drops calls that exit or write files, and survives output and a throwing export', async () => {
    const file = write(
      'effects',
      `const fs = require('node:fs')
exports.quit = (code) => { if (code === 2) process.exit(code); return 'stay' }
exports.save = (name) => { fs.writeFileSync(require('node:path').join(__dirname, String(name)), 'x'); return 'saved' }
exports.loud = (x) => { console.log('noise', x); process.stderr.write('more noise'); return typeof x }
`,
    )
    const result = await explore(file, join(temp, 'effects/index.test.js'), 6000, join(temp, 'effects'))
    expect(result.tests.some((t) => t.code.includes('process.exit') || t.code.includes("'saved'"))).toBe(false)
    expect(result.tests.some((t) => t.exportPath[1] === 'quit' && t.code.includes("'stay'"))).toBe(true)
    expect(result.tests.some((t) => t.exportPath[1] === 'loud')).toBe(true)
  })
})
