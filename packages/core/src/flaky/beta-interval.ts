/** A probability estimate with its equal-tailed credible interval. */
export interface ProbabilityEstimate {
  mean: number
  low: number
  high: number
}

/**
 * Posterior of a failure probability under a Beta(prior) model after weighted failures and
 * passes (weights allow decay), with its equal-tailed credible interval at `level`.
 */
export function betaEstimate(
  failures: number,
  passes: number,
  level = 0.95,
  prior: readonly [number, number] = [0.5, 0.5],
): ProbabilityEstimate {
  const a = prior[0] + failures
  const b = prior[1] + passes
  const tail = (1 - level) / 2
  return { mean: a / (a + b), low: betaQuantile(tail, a, b), high: betaQuantile(1 - tail, a, b) }
}

/** The q-quantile of Beta(a, b), by bisection on the regularized incomplete beta function. */
export function betaQuantile(q: number, a: number, b: number): number {
  let lo = 0
  let hi = 1
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (regularizedBeta(mid, a, b) < q) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** I_x(a, b), the Beta(a, b) distribution function (Numerical Recipes' continued fraction). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2) ? (front * continuedFraction(x, a, b)) / a : 1 - (front * continuedFraction(1 - x, b, a)) / b
}

function continuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  d = 1 / (Math.abs(d) < tiny ? tiny : d)
  let h = d
  for (let m = 1; m <= 300; m++) {
    for (const step of [0, 1]) {
      const num =
        step === 0 ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)) : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + num * d
      d = 1 / (Math.abs(d) < tiny ? tiny : d)
      c = 1 + num / c
      if (Math.abs(c) < tiny) c = tiny
      h *= d * c
      if (step === 1 && Math.abs(d * c - 1) < 1e-12) return h
    }
  }
  return h
}

// Lanczos approximation, accurate to ~1e-15 for positive arguments.
function logGamma(z: number): number {
  const g = 7
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ]
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z)
  const zz = z - 1
  let x = coef[0] as number
  for (let i = 1; i < g + 2; i++) x += (coef[i] as number) / (zz + i)
  const t = zz + g + 0.5
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(x)
}
