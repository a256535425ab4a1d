/**
 * The vendors' rules, reimplemented over the same attempts (anchors flaky.md §1–§2), each updated
 * run by run. `label(state)` says whether the rule currently calls the test flaky.
 */

/** Same-commit pass and fail on any branch (Trunk pass-on-retry's default scope), no storm guard. */
export const sameCommit = {
  name: 'same-commit pass+fail',
  init: () => ({ commits: new Map(), flagged: false }),
  observe(s, run, statuses) {
    const seen = s.commits.get(run.sha) ?? { passed: false, failed: false }
    seen.passed ||= statuses.includes('passed')
    seen.failed ||= statuses.includes('failed')
    s.commits.set(run.sha, seen)
    s.flagged ||= seen.passed && seen.failed
  },
  label: (s) => s.flagged,
}

/** Trunk's failure-rate monitor on the default branch, recommended config: activate 15 %, resolve 7.5 %, 24 h, min 20 runs. */
export const failureRate = {
  name: 'failure-rate monitor (15%/7.5%, 24h, min 20)',
  init: () => ({ window: [], active: false }),
  observe(s, run, statuses) {
    if (run.branch !== 'main') return
    const now = run.startedAt.getTime()
    s.window.push({ at: now, failed: statuses.includes('failed') })
    while (s.window.length > 0 && s.window[0].at <= now - 86_400_000) s.window.shift()
    if (s.window.length < 20) return
    const rate = s.window.filter((w) => w.failed).length / s.window.length
    if (!s.active && rate >= 0.15) s.active = true
    else if (s.active && rate < 0.075) s.active = false
  },
  label: (s) => s.active,
}

/** Flip rate (Apple, Buildkite transition count) on the default branch, last 50 first attempts, threshold 0.1, min 10 runs. */
export const flipRate = {
  name: 'flip rate (last 50 runs, >= 0.1)',
  init: () => ({ outcomes: [] }),
  observe(s, run, statuses) {
    if (run.branch !== 'main') return
    s.outcomes.push(statuses[0] === 'failed')
    if (s.outcomes.length > 50) s.outcomes.shift()
  },
  label(s) {
    const o = s.outcomes
    if (o.length < 10) return false
    let flips = 0
    for (let i = 1; i < o.length; i++) if (o[i] !== o[i - 1]) flips++
    return flips / (o.length - 1) >= 0.1
  },
}

export const baselines = [sameCommit, failureRate, flipRate]
