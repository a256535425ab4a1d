import { describe, expect, it } from 'vitest'
import { InputError } from '../src/errors.js'
import { parseTimeBudget, selectWithinBudget } from '../src/prioritise/budget-selection.js'
import { sortByPriority } from '../src/prioritise/rank-order.js'
import { hashString, SeededRandom } from '../src/prioritise/seeded-random.js'
import { shardSplit } from '../src/prioritise/shard-split.js'
import type { RankedTest } from '../src/prioritise/types.js'

const ranked = (id: string, priority: number, durationMs?: number, lastFailed = false): RankedTest => ({
  id,
  priority,
  durationMs,
  lastFailed,
  isNew: false,
})

describe('sortByPriority', () => {
  it('breaks equal priorities by failed-first, then shorter first, unknown durations last', () => {
    const tests = [
      ranked('slow', 1, 500),
      ranked('unknown', 1),
      ranked('fast', 1, 20),
      ranked('failed', 1, 900, true),
      ranked('top', 2, 999),
    ]
    expect(sortByPriority([...tests]).map((t) => t.id)).toEqual(['top', 'failed', 'fast', 'slow', 'unknown'])
    expect(sortByPriority([...tests].reverse()).map((t) => t.id)).toEqual(['top', 'failed', 'fast', 'slow', 'unknown'])
  })

  it('orders full ties by a hash of the id, whatever order the runner listed them in', () => {
    const ids = ['a.test.ts', 'b.test.ts', 'c.test.ts', 'd.test.ts']
    const forward = sortByPriority(ids.map((id) => ranked(id, 0, 10))).map((t) => t.id)
    const backward = sortByPriority([...ids].reverse().map((id) => ranked(id, 0, 10))).map((t) => t.id)
    expect(forward).toEqual(backward)
    expect(forward).toEqual([...ids].sort((a, b) => hashString(a) - hashString(b)))
  })
})

describe('shardSplit', () => {
  const files = Array.from({ length: 11 }, (_, i) => `test/file-${i}.test.ts`)

  it('puts every file in exactly one shard, with sizes at most one apart', () => {
    const shards = [1, 2, 3].map((index) => shardSplit(files, (f) => f, index, 3))
    expect(shards.flat().sort()).toEqual([...files].sort())
    expect(shards.map((s) => s.length).sort()).toEqual([3, 4, 4])
  })

  it('depends on the ids alone, not on the order the runner listed them in', () => {
    expect(shardSplit([...files].reverse(), (f) => f, 2, 3)).toEqual(shardSplit(files, (f) => f, 2, 3))
  })

  it('rejects an impossible shard', () => {
    expect(() => shardSplit(files, (f) => f, 4, 3)).toThrow(InputError)
    expect(() => shardSplit(files, (f) => f, 0, 3)).toThrow(/1 <= index <= count, got 0\/3/)
  })
})

describe('time budgets', () => {
  it('parses a share of the total time or a number of seconds', () => {
    expect(parseTimeBudget('50%')).toEqual({ kind: 'ratio', ratio: 0.5 })
    expect(parseTimeBudget('100%')).toEqual({ kind: 'ratio', ratio: 1 })
    expect(parseTimeBudget('90')).toEqual({ kind: 'seconds', seconds: 90 })
    expect(parseTimeBudget(' 2.5 ')).toEqual({ kind: 'seconds', seconds: 2.5 })
  })

  it('names the option and the accepted forms when the value is neither', () => {
    for (const bad of ['0%', '150%', 'half', '-3', '0', '']) {
      expect(() => parseTimeBudget(bad)).toThrow(InputError)
    }
    expect(() => parseTimeBudget('half')).toThrow(/--budget must be a share of the total time such as 50%.*got "half"/)
  })

  it('keeps each test that still fits and goes on past one that does not (first fit)', () => {
    const order = [ranked('a', 3, 40), ranked('b', 2, 50), ranked('c', 1, 10), ranked('d', 0)]
    // Total 40 + 50 + 10 + 40 (unknown counts as the median, 40) = 140; half is 70.
    const half = selectWithinBudget(order, { kind: 'ratio', ratio: 0.5 })
    expect(half.selected.map((t) => t.id)).toEqual(['a', 'c'])
    expect(half).toMatchObject({ budgetMs: 70, selectedMs: 50, totalMs: 140 })
    expect(selectWithinBudget(order, { kind: 'seconds', seconds: 0.1 }).selected.map((t) => t.id)).toEqual(['a', 'b', 'c'])
  })
})

describe('SeededRandom', () => {
  it('replays the same sequence from a seed or a saved state', () => {
    const a = new SeededRandom(42)
    const first = [a.next(), a.next()]
    const resumed = new SeededRandom(a.state)
    expect([new SeededRandom(42).next(), new SeededRandom(42).next()]).toEqual([first[0], first[0]])
    expect(resumed.next()).toBe(a.next())
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true)
  })
})
