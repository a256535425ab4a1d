import { describe, expect, it } from 'vitest'
import { betaEstimate, betaQuantile, regularizedBeta } from '../src/flaky/beta-interval.js'

describe('Beta posterior maths', () => {
  it('matches closed forms of the Beta distribution function', () => {
    // Beta(1, 1) is uniform; Beta(2, 1) has CDF x²; Beta(1, 3) has CDF 1 − (1 − x)³.
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 10)
    expect(regularizedBeta(0.5, 2, 1)).toBeCloseTo(0.25, 10)
    expect(regularizedBeta(0.2, 1, 3)).toBeCloseTo(1 - 0.8 ** 3, 10)
    expect(regularizedBeta(0.4, 7.5, 3.25) + regularizedBeta(0.6, 3.25, 7.5)).toBeCloseTo(1, 10)
  })

  it('inverts the distribution function', () => {
    for (const [a, b] of [
      [0.5, 0.5],
      [2.5, 40],
      [30, 3],
    ] as const) {
      for (const q of [0.025, 0.5, 0.975]) expect(regularizedBeta(betaQuantile(q, a, b), a, b)).toBeCloseTo(q, 8)
    }
  })

  it('gives the rule-of-three bound after clean runs', () => {
    // With a uniform prior and 59 clean runs, the 95 % upper bound is 1 − 0.05^(1/60) ≈ 4.9 %.
    const estimate = betaEstimate(0, 59, 0.9, [1, 1])
    expect(estimate.high).toBeCloseTo(1 - 0.05 ** (1 / 60), 6)
    expect(estimate.high).toBeLessThan(0.05)
  })

  it('narrows the interval as evidence grows, around the observed rate', () => {
    const few = betaEstimate(1, 9)
    const many = betaEstimate(100, 900)
    expect(many.mean).toBeCloseTo(0.1, 2)
    expect(many.high - many.low).toBeLessThan(few.high - few.low)
    expect(many.low).toBeLessThan(0.1)
    expect(many.high).toBeGreaterThan(0.1)
  })
})
