import { SeededRandom } from '@aqe/core'
import type { FunctionHints } from './child-protocol.js'

/** Where argument values come from, most specific first. */
export interface ValueSources {
  hint?: FunctionHints
  mined: string[]
  pool: string[]
  /** Values produced by earlier calls (feedback: sources, instances), as expressions. */
  produced: () => string[]
}

/**
 * Argument tuples for one function: first each suited value in each position (the others at
 * their first suited value), then no arguments and one extra, then seeded random combinations.
 * Never yields the same tuple twice.
 */
export function* argumentTuples(arity: number, sources: ValueSources, seed: number): Generator<string[]> {
  const seen = new Set<string>()
  const n = Math.max(arity, sources.hint?.arity ?? 0)
  // Without hints for a position, mined values alternate with generic ones (arrays, objects, callbacks).
  const unhinted = interleave(sources.mined.slice(0, 12), sources.pool)
  const suited = (i: number) => {
    const hinted = sources.hint?.params[i] ?? []
    return hinted.length > 0 ? hinted : unhinted
  }
  const fresh = function* (tuple: string[]) {
    const key = tuple.join('\u0000')
    if (!seen.has(key)) {
      seen.add(key)
      yield tuple
    }
  }
  const base = Array.from({ length: n }, (_, i) => suited(i)[0] ?? 'undefined')
  yield* fresh(base)
  for (let k = n - 1; k >= 0; k--) yield* fresh(base.slice(0, k))
  // Each suited value in each position; also with the later (often optional) parameters left out.
  for (let i = 0; i < n; i++) {
    for (const v of suited(i)) {
      const tuple = base.map((b, j) => (j === i ? v : b))
      yield* fresh(tuple)
      yield* fresh(tuple.slice(0, i + 1))
    }
  }
  for (let i = 0; i < Math.max(n, 1); i++)
    for (const v of sources.pool) yield* fresh(base.map((b, j) => (j === i ? v : b)).concat(n === 0 ? [v] : []))
  for (let i = 0; i < n; i++) for (const v of sources.mined.slice(0, 20)) yield* fresh(base.map((b, j) => (j === i ? v : b)))
  yield* fresh([...base, suited(n)[0] ?? '1'])
  const random = new SeededRandom(seed)
  const pick = <T>(list: readonly T[]): T | undefined => list[random.below(list.length)]
  for (let attempt = 0; attempt < 5000; attempt++) {
    const roll = random.next()
    const size = Math.max(0, n + (roll < 0.15 ? -1 : roll > 0.85 ? 1 : 0)) || (roll < 0.5 ? 1 : 0)
    const tuple: string[] = []
    for (let i = 0; i < size; i++) {
      const r = random.next()
      const produced = sources.produced()
      const list = r < 0.45 ? suited(i) : r < 0.7 ? sources.mined : r < 0.85 || produced.length === 0 ? sources.pool : produced
      tuple.push(pick(list.length > 0 ? list : sources.pool) ?? 'undefined')
    }
    yield* fresh(tuple)
  }
}

function interleave(a: string[], b: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== undefined) out.push(a[i] as string)
    if (b[i] !== undefined) out.push(b[i] as string)
  }
  return [...new Set(out)]
}
