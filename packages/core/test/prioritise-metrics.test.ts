import { describe, expect, it } from 'vitest'
import { apfd, apfdc, napfd, type ScoredTest, scheduleWithinBudget } from '../src/prioritise/fault-detection-metrics.js'

const t = (durationMs: number, failed = false): ScoredTest => ({ durationMs, failed })

describe('NAPFD and APFD', () => {
  it('APFD of a full order: 1 − Σ ranks / (n·m) + 1 / (2n)', () => {
    // Failures at ranks 2 and 4 of 4: 1 − 6/8 + 1/8.
    expect(apfd([t(1), t(1, true), t(1), t(1, true)])).toBeCloseTo(0.375, 12)
    // A single test that fails: 1 − 1/1 + 1/2.
    expect(apfd([t(5, true)])).toBeCloseTo(0.5, 12)
  })

  it('NAPFD under a budget counts only scheduled failures, with p the share detected', () => {
    // Budget 2 of 4: ranks 1 and 2 run; the failure at 2 is found, the one at 4 is missed.
    // p = 1/2, so 1/2 − 2/(2·4) + (1/2)/(2·4) = 0.3125.
    expect(napfd([t(1), t(1, true), t(1), t(1, true)], 0.5)).toBeCloseTo(0.3125, 12)
  })

  it('skips a test that does not fit and goes on (first fit), ranking among scheduled tests', () => {
    // Budget 3 of 6: the 2 runs, the 3 is skipped, the failing 1 still fits at scheduled rank 2.
    // p = 1: 1 − 2/(1·3) + 1/(2·3) = 0.5. A hard cut-off would give 0; full-order rank 3 would give 1/6.
    const order = [t(2), t(3), t(1, true)]
    expect(scheduleWithinBudget(order, 0.5).scheduled).toEqual([t(2), t(1, true)])
    expect(napfd(order, 0.5)).toBeCloseTo(0.5, 12)
  })

  it('scores 0 when every failure is out of the budget, and is undefined without failures', () => {
    expect(napfd([t(3), t(2, true), t(1, true)], 0.5)).toBe(0)
    expect(napfd([t(1), t(2)], 0.5)).toBeUndefined()
    expect(apfd([t(1), t(2)])).toBeUndefined()
  })
})

describe('APFDc', () => {
  it('weighs each failure by the time left after it in the full order', () => {
    // Costs 2, 3, 1; the failure last: (1 − 1/2) / 6. The failure first: (6 − 2/2) / 6.
    expect(apfdc([t(2), t(3), t(1, true)], 1)).toBeCloseTo(0.5 / 6, 12)
    expect(apfdc([t(2, true), t(3), t(1)], 1)).toBeCloseTo(5 / 6, 12)
  })

  it("under a budget takes the scheduled rank into the full order's costs, as COLEMAN does", () => {
    // The failure is scheduled at rank 2, so the term reads costs from position 2: (3 + 1) − 3/2, over 6.
    expect(apfdc([t(2), t(3), t(1, true)], 0.5)).toBeCloseTo(2.5 / 6, 12)
    expect(apfdc([t(2), t(3)], 0.5)).toBeUndefined()
  })
})
