/**
 * A seeded simulator of CI histories (anchors flaky.md §8.1): a test population with Bernoulli,
 * bursty (two-state Markov) and systemic-cluster flakes, real regressions, broken tests, and
 * infrastructure storms, run on the default branch with retries and job re-runs.
 */
import { SeededRandom } from '@aqe/core'

/** Seedable PRNG: aqe's own mulberry32, as a function. */
export function prng(seed) {
  const random = new SeededRandom(seed)
  return () => random.next()
}

/** Simulation defaults; every one can be overridden. */
export const defaultSimulation = {
  tests: 500,
  days: 30,
  runsPerDay: 20,
  retries: 2,
  flakyShare: 0.05,
  /** Flake probabilities are log-uniform on this range. */
  flakeRange: [0.005, 0.5],
  regressionShare: 0.02,
  brokenShare: 0.005,
  stormRate: 0.01,
  rerunAfterRed: 0.3,
  /** Share of flaky tests whose flakiness is fixed half-way. */
  fixedShare: 0.3,
  /** Pull-request runs per day, on a few open branches; their commits may break a test while work is in progress. */
  prRunsPerDay: 20,
  /** Chance that a pull request breaks a healthy test for its first few commits (a real, temporary failure). */
  prBreakage: 0.5,
}

/** Builds the test population with its ground truth. */
export function makePopulation(rand, o) {
  const commits = o.days * o.runsPerDay
  const tests = []
  const clusters = []
  for (let i = 0; i < o.tests; i++) {
    const r = rand()
    const test = { index: i, file: `test/t${i % 50}.test.ts`, fullName: `suite ${i} > case`, kind: 'healthy', p: 0 }
    if (r < o.flakyShare) {
      const [lo, hi] = o.flakeRange
      test.kind = 'flaky'
      test.p = Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo)))
      const m = rand()
      test.mode = m < 0.6 ? 'bernoulli' : m < 0.8 ? 'bursty' : 'cluster'
      test.fixedAt = rand() < o.fixedShare ? Math.floor(commits * (0.4 + 0.2 * rand())) : Number.POSITIVE_INFINITY
      if (test.mode === 'cluster') {
        if (clusters.length === 0 || rand() < 0.3) clusters.push({ p: test.p, members: [] })
        const cluster = clusters[clusters.length - 1]
        test.p = cluster.p
        test.cluster = cluster
        cluster.members.push(test)
      }
    } else if (r < o.flakyShare + o.regressionShare) {
      test.kind = 'regression'
      test.regressionStart = Math.floor(rand() * commits)
      test.regressionLength = 1 + Math.floor(rand() * 10)
    } else if (r < o.flakyShare + o.regressionShare + o.brokenShare) {
      test.kind = 'broken'
    }
    tests.push(test)
  }
  return tests
}

function failsAttempt(test, commit, attempt, run, rand) {
  if (run.breaks === test) return true
  if (test.kind === 'broken') return true
  if (test.kind === 'regression') return commit >= test.regressionStart && commit < test.regressionStart + test.regressionLength
  if (test.kind !== 'flaky' || commit >= test.fixedAt) return false
  if (test.mode === 'cluster' && attempt === 0) return run.clusterEvents.has(test.cluster)
  if (test.mode === 'bursty') {
    // Stationary failure rate p with P(fail | failed before) = 0.5.
    const p = test.lastFailed ? 0.5 : (0.5 * test.p) / (1 - test.p + 0.5 * test.p)
    test.lastFailed = rand() < p
    return test.lastFailed
  }
  return rand() < test.p
}

/**
 * Yields runs in time order: `{ index, commit, branch, day, startedAt, rerun, storm, breaks, attempts: [{ test, statuses }] }`.
 * Each default-branch commit runs once (plus a job re-run after a red run, with some chance), and
 * pull-request runs are interleaved. A storm fails the first attempt of 80–100 % of the tests; each
 * retry then fails with probability 0.5. `breaks` is the test a pull request broke on purpose.
 */
export function* simulateRuns(tests, rand, o, t0) {
  const dayMs = 86_400_000
  const clusters = [...new Set(tests.filter((t) => t.cluster).map((t) => t.cluster))]
  const healthy = tests.filter((t) => t.kind === 'healthy')
  const prs = []
  let prCount = 0
  let index = 0
  const execute = (commit, runOptions) => {
    const storm = rand() < o.stormRate ? 0.8 + 0.2 * rand() : 0
    const run = { clusterEvents: new Set(clusters.filter((cluster) => rand() < cluster.p)), breaks: runOptions.breaks }
    const attempts = tests.map((test) => {
      const statuses = []
      for (let a = 0; a <= o.retries; a++) {
        const stormHit = storm > 0 && (a === 0 ? rand() < storm : rand() < 0.5)
        const failed = stormHit || failsAttempt(test, commit, a, run, rand)
        statuses.push(failed ? 'failed' : 'passed')
        if (!failed) break
      }
      return { test, statuses }
    })
    return { storm: storm > 0, attempts, red: attempts.some((a) => a.statuses.at(-1) === 'failed') }
  }
  const prPerSlot = o.prRunsPerDay / o.runsPerDay
  let prDebt = 0
  for (let day = 0; day < o.days; day++) {
    for (let c = 0; c < o.runsPerDay; c++) {
      const commit = day * o.runsPerDay + c
      const slotStart = t0 + day * dayMs + c * (dayMs / o.runsPerDay)
      let rerun = false
      for (;;) {
        const { storm, attempts, red } = execute(commit, {})
        yield {
          index: index++,
          commit,
          sha: `c${commit}`,
          branch: 'main',
          day,
          startedAt: new Date(slotStart + (rerun ? 60_000 : 0)),
          rerun,
          storm,
          attempts,
        }
        if (!red || rerun || rand() >= o.rerunAfterRed) break
        rerun = true
      }
      prDebt += prPerSlot
      for (let k = 0; prDebt >= 1; k++, prDebt--) {
        while (prs.length < 4) {
          const breaks = rand() < o.prBreakage ? healthy[Math.floor(rand() * healthy.length)] : undefined
          prs.push({ name: `pr-${++prCount}`, commits: 0, life: 3 + Math.floor(rand() * 8), breaks, brokenFor: 1 + Math.floor(rand() * 4) })
        }
        const pr = prs[Math.floor(rand() * prs.length)]
        pr.commits++
        const breaks = pr.commits <= pr.brokenFor ? pr.breaks : undefined
        const { storm, attempts } = execute(commit, { breaks })
        const startedAt = new Date(slotStart + 120_000 + k * 1000)
        yield {
          index: index++,
          commit,
          sha: `${pr.name}-${pr.commits}`,
          branch: pr.name,
          day,
          startedAt,
          rerun: false,
          storm,
          breaks,
          attempts,
        }
        if (pr.commits >= pr.life) prs.splice(prs.indexOf(pr), 1)
      }
    }
  }
}
