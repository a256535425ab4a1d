/** Turns per-seed evaluations into the metrics of anchors flaky.md §8.1. */

const BUCKETS = [
  ['< 1%', 0, 0.01],
  ['1–5%', 0.01, 0.05],
  ['5–20%', 0.05, 0.2],
  ['>= 20%', 0.2, 1],
]

const median = (xs) => {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** One seed's metrics for one detector. */
export function seedMetrics(result, detector) {
  const { tests, obs, everFailed, regressionFailures, checkpoints } = result
  const id = (t) => obs[t.index].id
  const flaky = tests.filter((t) => t.kind === 'flaky')
  const labelled30 = checkpoints[30].labels[detector.name]
  const truePositives = [...labelled30].filter((x) => tests[obs.findIndex((o) => o.id === x)].kind === 'flaky').length
  const recallBy = (day, lo, hi) => {
    const pool = flaky.filter((t) => t.p >= lo && t.p < hi)
    return pool.length === 0 ? Number.NaN : pool.filter((t) => checkpoints[day].detected[detector.name].has(id(t))).length / pool.length
  }
  // Median runs to the first failure for a Bernoulli(p) test: the best any detector can do.
  const ratios = flaky
    .filter((t) => t.p >= 0.05)
    .map((t) => {
      const at = detector.detectedAt.get(id(t))
      const bound = Math.max(1, Math.log(0.5) / Math.log(1 - t.p))
      return at === undefined ? Number.POSITIVE_INFINITY : at / bound
    })
  const nonFlakyFailing = tests.filter((t) => t.kind !== 'flaky' && everFailed[t.index])
  const falseQuarantined = nonFlakyFailing.filter((t) => detector.everQuarantined.has(id(t)))
  const fixed = flaky.filter((t) => Number.isFinite(t.fixedAt) && detector.everQuarantined.has(id(t)))
  const runsPerDay = result.runsPerDay
  // Days from the fix to the release, for fixed flakes that were quarantined when fixed and released after it.
  const releaseDays = fixed
    .map((t) => {
      const fixDay = Math.floor(t.fixedAt / runsPerDay)
      return { fixDay, release: detector.releases.find((r) => r.id === id(t) && r.day >= fixDay) }
    })
    .filter(({ release }) => release)
    .map(({ fixDay, release }) => release.day + 1 - fixDay)
  return {
    precision: labelled30.size === 0 ? Number.NaN : truePositives / labelled30.size,
    recall14AtLeast5: recallBy(14, 0.05, 1),
    recall30: Object.fromEntries(BUCKETS.map(([name, lo, hi]) => [name, recallBy(30, lo, hi)])),
    runsToDetectRatio: median(ratios),
    falseQuarantine: nonFlakyFailing.length === 0 ? 0 : falseQuarantined.length / nonFlakyFailing.length,
    brokenQuarantined: tests.filter((t) => t.kind === 'broken' && detector.everQuarantined.has(id(t))).length,
    maskedRegression: regressionFailures === 0 ? 0 : detector.masked / regressionFailures,
    fixedReleased: fixed.length === 0 ? Number.NaN : releaseDays.length / fixed.length,
    daysToRelease: median(releaseDays),
    storeAgrees: Object.values(checkpoints).every((c) => c.storeAgrees),
  }
}

/** Mean and 95 % confidence half-width over seeds, ignoring NaN. */
export function meanCi(values) {
  const xs = values.filter((x) => Number.isFinite(x))
  if (xs.length === 0) return { mean: Number.NaN, ci: Number.NaN, n: 0 }
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0
  return { mean, ci: (1.96 * sd) / Math.sqrt(xs.length), n: xs.length }
}

export { BUCKETS, median }
