import { fillGapsRequest } from '@aqe/core'
import { describe, expect, it } from 'vitest'
import { resolveFillGapsOptions } from '../src/fill-gaps-options.js'
import { extractTestCode } from '../src/generators/extract-code.js'
import { newFileDiff } from '../src/new-file-diff.js'
import { type AcceptedTest, keepComplementary, scoreAccepted } from '../src/rank-accepted.js'
import { assertsOnSubject } from '../src/validate/assertion-check.js'
import { coveredKeys, newlyCovered } from '../src/validate/coverage-keys.js'
import { parseCandidate } from '../src/validate/parse-candidate.js'

const subject = (spec: string) => spec === '../src/money'
const asserts = (code: string) => assertsOnSubject(parseCandidate(code, 'a.test.ts'), subject)

describe('non-trivial assertions', () => {
  it('accepts an expect on a call of an imported function', () => {
    expect(asserts("import { parseMoney } from '../src/money'\nit('x', () => { expect(parseMoney('1 USD')).toEqual({}) })")).toBe(true)
  })

  it('follows values through local variables', () => {
    const code =
      "import { allocate } from '../src/money'\nit('x', () => { const parts = allocate(m, 2); const n = parts.length; expect(n).toBe(2) })"
    expect(asserts(code)).toBe(true)
  })

  it('rejects assertions that never touch the module under test', () => {
    expect(asserts("import { parseMoney } from '../src/money'\nit('x', () => { parseMoney('1 USD'); expect(1 + 1).toBe(2) })")).toBe(false)
    expect(asserts("import { x } from '../src/other'\nit('x', () => { expect(x()).toBe(2) })")).toBe(false)
  })

  it('counts node:assert calls', () => {
    expect(asserts("import { parseMoney } from '../src/money'\nit('x', () => { assert.equal(parseMoney('1 USD').cents, 100) })")).toBe(true)
  })
})

describe('coverage keys', () => {
  const data = (s: number[], b: number[][]) => ({
    path: '/p/a.ts',
    statementMap: Object.fromEntries(s.map((_, i) => [String(i), { start: { line: i + 1, column: 0 }, end: { line: i + 1, column: 9 } }])),
    s: Object.fromEntries(s.map((hits, i) => [String(i), hits])),
    fnMap: {},
    f: {},
    branchMap: Object.fromEntries(
      b.map((_, i) => [
        String(i),
        { loc: { start: { line: 10 + i, column: 2 }, end: { line: 10 + i, column: 8 } }, type: 'if', locations: [], line: 10 + i },
      ]),
    ),
    b: Object.fromEntries(b.map((hits, i) => [String(i), hits])),
  })

  it('keys what is covered by location, so runs with other ids compare', () => {
    const before = coveredKeys(data([1, 0, 0], [[1, 0]]) as never)
    const after = coveredKeys(data([1, 1, 0], [[1, 1]]) as never)
    const gain = newlyCovered(before, after)
    expect([...gain.statements]).toEqual(['2:0-2:9'])
    expect([...gain.branches]).toEqual(['10:2-10:8#1'])
  })
})

describe('ranking accepted tests', () => {
  const accepted = (id: string, statements: string[], branches: string[], lines = 10): AcceptedTest => {
    const gain = { statements: new Set(statements), branches: new Set(branches) }
    return { candidate: { id } as never, gain, similarity: 0, lines, score: scoreAccepted(gain, 0, lines) }
  }

  it('prefers branch arms to statements and drops a test whose gain the better ones already cover', () => {
    const kept = keepComplementary([accepted('a', ['s1'], []), accepted('b', ['s1', 's2'], ['b1']), accepted('c', ['s3'], [])])
    expect(kept.map((t) => t.candidate.id)).toEqual(['b', 'c'])
  })

  it('breaks a tie in gain by brevity', () => {
    expect(scoreAccepted({ statements: new Set(['a']), branches: new Set() }, 0, 5)).toBeGreaterThan(
      scoreAccepted({ statements: new Set(['a']), branches: new Set() }, 0, 50),
    )
  })
})

describe('model answers', () => {
  it('takes the first fenced block and adds the missing test API import', () => {
    const code = extractTestCode(
      "Sure:\n```ts\nimport { mean } from '../src/stats'\nit('m', () => expect(mean([1])).toBe(1))\n```\nDone.",
      "import { expect, it } from 'vitest'",
    )
    expect(code.split('\n')[0]).toBe("import { expect, it } from 'vitest'")
    expect(code).not.toContain('Sure')
  })
})

describe('fill-gaps requests', () => {
  it('comes from the flag after --, the mode or the variable, and the variable can turn it off', () => {
    expect(fillGapsRequest({ argv: ['vitest', 'run', '--', '--aqe-fill-gaps'], env: {} })).toEqual({ write: false })
    expect(fillGapsRequest({ argv: ['x', '--aqe-fill-gaps=write'], env: {} })).toEqual({ write: true })
    expect(fillGapsRequest({ argv: [], env: {}, mode: 'aqe-fill-gaps' })).toEqual({ write: false })
    expect(fillGapsRequest({ argv: [], env: { AQE_FILL_GAPS: 'write' } })).toEqual({ write: true })
    expect(fillGapsRequest({ argv: ['--aqe-fill-gaps'], env: { AQE_FILL_GAPS: '0' } })).toBeUndefined()
    expect(fillGapsRequest({ argv: ['vitest', 'run'], env: {} })).toBeUndefined()
  })
})

describe('options', () => {
  it('names the bad option', () => {
    expect(() => resolveFillGapsOptions({ runs: 0 })).toThrow('fill-gaps option runs must be a positive integer, got 0.')
    expect(() => resolveFillGapsOptions({ generators: ['model'] })).toThrow(/needs a model/)
  })

  it('prints a new file as a git-style diff', () => {
    expect(newFileDiff('t/a.test.ts', 'a\nb\n')).toBe('--- /dev/null\n+++ b/t/a.test.ts\n@@ -0,0 +1,2 @@\n+a\n+b\n')
  })
})
