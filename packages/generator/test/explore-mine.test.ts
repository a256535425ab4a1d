import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { mineInputs } from '../src/explore/mine-inputs.js'

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../fixtures/calc/src/${name}`, import.meta.url)), 'utf8')

describe('mineInputs', () => {
  it('mines doc examples, object keys and literals from real TS source', () => {
    const { mined } = mineInputs(fixture('money.ts'), true)
    expect(mined).toEqual(expect.arrayContaining(["'12.34 USD'", "'$12.34'", "'€5'", "'USD'", "'JPY'"]))
  })

  it('builds object literals from interfaces declared in the file', () => {
    const { hints } = mineInputs(fixture('money.ts'), true)
    const money = hints.addMoney?.params[0] ?? []
    expect(hints.addMoney?.arity).toBe(2)
    expect(money.length).toBeGreaterThan(1)
    for (const code of money) expect(Object.keys(new Function(`return (${code})`)())).toEqual(['cents', 'currency'])
    // Variants differ in currency, so two arguments can mismatch.
    expect(new Set(money.map((code) => new Function(`return (${code})`)().currency)).size).toBeGreaterThan(1)
  })

  it('types array parameters from `readonly number[]`', () => {
    const { hints } = mineInputs(fixture('stats.ts'), true)
    const values = (hints.mean?.params[0] ?? []).map((code) => new Function(`return (${code})`)())
    expect(values.some((v) => Array.isArray(v) && v.length === 0)).toBe(true)
    expect(values.some((v) => Array.isArray(v) && v.length > 1 && v.every((n: unknown) => typeof n === 'number'))).toBe(true)
  })

  it('mines compared constants, switch cases, typeof checks, defaults and boundaries in JS', () => {
    const source = `
      function mode(kind, size = 7, opts) {
        if (kind === 'fast') return 1
        switch (size) { case 42: return 2 }
        if (typeof opts === 'function') return opts()
        if (opts.level > 3) return 4
        return 0
      }
      module.exports = { mode }`
    const { hints } = mineInputs(source, false)
    const [kind, size, opts] = hints.mode?.params ?? []
    expect(kind).toContain("'fast'")
    expect(size).toEqual(expect.arrayContaining(['7', '42']))
    expect(opts?.some((code) => code.includes('calls.push'))).toBe(true)
    expect(opts?.some((code) => /level: [34]/.test(code))).toBe(true)
  })

  it('mines literal arguments of calls written in backticks', () => {
    const { mined } = mineInputs('/** Use `pad("x", 3)` to pad. */\nexport function pad(s, n) { return s }', false)
    expect(mined).toEqual(expect.arrayContaining(["'x'", '3']))
  })
})
