import { describe, expect, it } from 'vitest'
import { measureComplexity } from '../src/index.js'

const complexities = (source: string, file = 'a.ts') => measureComplexity(source, file).functions.map((f) => [f.name, f.complexity])

describe('cyclomatic complexity from the source', () => {
  it('counts decisions per function in TypeScript, nested functions apart', () => {
    const source = `
export function pick(a: number, b?: number): number {
  if (a > 0 && b !== undefined) return a
  for (const x of [1, 2]) while (x < 0) {}
  const f = (y: number = 1) => (y ? y : 0)
  switch (a) { case 1: return 1; case 2: return 2; default: return b ?? 0 }
}
class Box<T> { get(key: string): T | undefined { try { return this.map?.get(key) } catch { return undefined } } private map?: Map<string, T> }
`
    expect(complexities(source)).toEqual([
      ['pick', 8],
      ['f', 3],
      ['get', 3],
    ])
  })

  it('parses JSX in .jsx files and names methods, assignments and default exports', () => {
    const source = `
const obj = { run() { return a || b } }
module.exports.go = function () { return c ? <div/> : null }
export default () => 1
`
    expect(complexities(source, 'a.jsx')).toEqual([
      ['run', 2],
      ['go', 2],
      ['default', 1],
    ])
  })

  it('counts the code outside functions as the top level', () => {
    expect(measureComplexity('if (a) b()\nconst c = d ?? e', 'a.js').topLevel).toBe(3)
  })
})
