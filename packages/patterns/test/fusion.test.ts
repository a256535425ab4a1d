import { describe, expect, it } from 'vitest'
import { feedbackFactor, fuseRanks, resolveSearchOptions } from '../src/index.js'

describe('reciprocal rank fusion', () => {
  it('scores a lone top hit 1/(k+1) and lets agreement beat it (the anchors worked example)', () => {
    const dense = [1, 10, 11, 12, 13, 14, 15, 16, 2]
    const keyword = [20, 2]
    const fused = fuseRanks([
      { ids: dense, weight: 1 },
      { ids: keyword, weight: 1 },
    ])
    const a = fused.find((r) => r.id === 1)
    const b = fused.find((r) => r.id === 2)
    expect(a?.score).toBeCloseTo(1 / 61, 12)
    expect(b?.score).toBeCloseTo(1 / 69 + 1 / 62, 12)
    expect(b?.ranks).toEqual([9, 2])
    expect(a?.ranks).toEqual([1, undefined])
    expect(fused[0]?.id).toBe(2)
  })

  it('applies per-list weights to each reciprocal rank', () => {
    const fused = fuseRanks(
      [
        { ids: [1, 2], weight: 2 },
        { ids: [2, 1], weight: 0.5 },
      ],
      10,
    )
    expect(fused.map((r) => [r.id, r.score])).toEqual([
      [1, 2 / 11 + 0.5 / 12],
      [2, 2 / 12 + 0.5 / 11],
    ])
  })

  it('with k = 0 a first place counts 1 and a second 1/2', () => {
    const fused = fuseRanks([{ ids: [7, 8], weight: 1 }], 0)
    expect(fused.map((r) => r.score)).toEqual([1, 0.5])
  })

  it('breaks equal scores by the best single rank, then by id', () => {
    const fused = fuseRanks([
      { ids: [5, 6], weight: 1 },
      { ids: [6, 5], weight: 1 },
    ])
    expect(fused[0]?.score).toBe(fused[1]?.score)
    expect(fused.map((r) => r.id)).toEqual([5, 6])
  })

  it('counts an id repeated in one list once, at its first rank', () => {
    const fused = fuseRanks([{ ids: [3, 3, 4], weight: 1 }])
    expect(fused.map((r) => [r.id, r.ranks[0]])).toEqual([
      [3, 1],
      [4, 3],
    ])
  })

  it('returns nothing for empty lists', () => {
    expect(fuseRanks([{ ids: [], weight: 1 }])).toEqual([])
  })
})

describe('feedback factor', () => {
  it('is 1 without feedback, grows with acceptances and shrinks with rejections', () => {
    expect(feedbackFactor(0, 0, 1)).toBe(1)
    expect(feedbackFactor(3, 0, 1)).toBeCloseTo(1.6, 12)
    expect(feedbackFactor(0, 3, 1)).toBeCloseTo(0.4, 12)
    expect(feedbackFactor(5, 2, 0)).toBe(1)
  })
})

describe('search options', () => {
  it('fills the documented defaults', () => {
    expect(resolveSearchOptions()).toEqual({
      top: 10,
      filter: {},
      window: 50,
      rrfK: 60,
      denseWeight: 1,
      keywordWeight: 1,
      feedbackWeight: 1,
    })
  })

  it('names the bad option', () => {
    expect(() => resolveSearchOptions({ top: 0 })).toThrow(/top must be a positive integer, got 0/)
    expect(() => resolveSearchOptions({ denseWeight: -1 })).toThrow(/denseWeight must be a number >= 0/)
  })
})

describe('fusion defaults by layer', () => {
  it('applies the embedder fusion, then the store defaults, then the call, each field where set', () => {
    const embedder = { denseWeight: 0.2, keywordWeight: 1, window: 20, rrfK: 30 }
    expect(resolveSearchOptions(embedder)).toMatchObject(embedder)
    expect(resolveSearchOptions(embedder, { rrfK: 60, denseWeight: undefined })).toMatchObject({ denseWeight: 0.2, rrfK: 60, window: 20 })
    expect(resolveSearchOptions(embedder, { rrfK: 60 }, { window: 5, top: 3 })).toMatchObject({
      window: 5,
      top: 3,
      rrfK: 60,
      denseWeight: 0.2,
    })
  })

  it('refuses two zero weights, which would score every result 0', () => {
    expect(() => resolveSearchOptions({ denseWeight: 0, keywordWeight: 0 })).toThrow(/denseWeight and keywordWeight cannot both be 0/)
    expect(resolveSearchOptions({ denseWeight: 0 }).keywordWeight).toBe(1)
  })
})
