import { classifyTest, detectFlaky, planQuarantine, resolveFlakyOptions, resolveQuarantineOptions, SqliteHistoryStore } from '@aqe/core'
import { baselines } from './baselines.mjs'
import { makePopulation, prng, simulateRuns } from './simulate-ci.mjs'

const DAY = 86_400_000
const CHECKPOINTS = [7, 14, 30]

/** Per-detector bookkeeping: current labels, first detection, quarantine, masking. */
function tracker(name) {
  return {
    name,
    detectedAt: new Map(),
    detectedDay: new Map(),
    quarantined: new Set(),
    everQuarantined: new Set(),
    masked: 0,
    labels: new Map(),
    releases: [],
  }
}

/**
 * Simulates one seed through the real store and scores our detector and the baselines on it.
 * Returns raw per-seed numbers; `summarise` turns many seeds into the table.
 */
export function evaluateSeed(seed, simulation, dbPath) {
  const rand = prng(seed)
  const tests = makePopulation(rand, simulation)
  const store = SqliteHistoryStore.open(dbPath)
  const flakyOptions = resolveFlakyOptions()
  const quarantineOptions = resolveQuarantineOptions({ auto: true })
  const t0 = Date.UTC(2026, 0, 1)
  const obs = tests.map((t) => ({ id: `${t.file} > ${t.fullName}`, file: t.file, fullName: t.fullName, runs: [] }))
  const executions = new Array(tests.length).fill(0)
  const failedBefore = new Array(tests.length).fill(false)
  const everFailed = new Array(tests.length).fill(false)
  const verdicts = new Map()
  const ours = tracker('aqe detector')
  const others = baselines.map((b) => ({ ...tracker(b.name), rule: b, states: tests.map(() => b.init()) }))
  const all = [ours, ...others]
  let regressionFailures = 0
  let pending = []
  let day = -1
  const checkpoints = {}
  let entries = []
  const endOfDay = (d) => {
    store.addRuns(pending)
    pending = []
    const now = new Date(t0 + (d + 1) * DAY)
    // Quarantined tests' clean-run counts move without failures, so refresh them before the policy.
    for (const e of entries) {
      const i = obs.findIndex((o) => o.id === e.id)
      verdicts.set(e.id, classifyTest(obs[i], flakyOptions))
    }
    const plan = planQuarantine([...verdicts.values()], entries, quarantineOptions, now)
    const released = new Set(plan.release.map((e) => e.id))
    for (const e of plan.release) ours.releases.push({ id: e.id, day: d, executions: executions[obs.findIndex((o) => o.id === e.id)] })
    entries = [...entries.filter((e) => !released.has(e.id)), ...plan.add]
    ours.quarantined = new Set(entries.map((e) => e.id))
    for (const id of ours.quarantined) ours.everQuarantined.add(id)
    for (const o of others) {
      const before = o.quarantined
      o.quarantined = new Set(obs.filter((_, i) => o.rule.label(o.states[i])).map((x) => x.id))
      for (const id of before) if (!o.quarantined.has(id)) o.releases.push({ id, day: d })
      for (const id of o.quarantined) o.everQuarantined.add(id)
    }
    if (CHECKPOINTS.includes(d + 1)) {
      const fromStore = detectFlaky(store.db, flakyOptions, now)
      const storeFlaky = new Set(fromStore.filter((v) => v.state === 'flaky').map((v) => v.id))
      const memoryFlaky = new Set([...verdicts.values()].filter((v) => v.state === 'flaky').map((v) => v.id))
      checkpoints[d + 1] = {
        storeAgrees: storeFlaky.size === memoryFlaky.size && [...storeFlaky].every((id) => memoryFlaky.has(id)),
        labels: Object.fromEntries([
          [ours.name, storeFlaky],
          ...others.map((o) => [o.name, new Set(obs.filter((_, i) => o.rule.label(o.states[i])).map((x) => x.id))]),
        ]),
        detected: Object.fromEntries(all.map((t) => [t.name, new Set(t.detectedAt.keys())])),
      }
    }
  }
  for (const run of simulateRuns(tests, rand, simulation, t0)) {
    if (run.day !== day) {
      if (day >= 0) endOfDay(day)
      day = run.day
    }
    const failing = run.attempts.filter((a) => a.statuses.includes('failed')).length
    const storm = failing >= 10 && failing / run.attempts.length >= flakyOptions.stormFailureRatio
    const finalFailures = []
    const attempts = []
    for (const { test, statuses } of run.attempts) {
      const i = test.index
      const id = obs[i].id
      const failed = statuses.includes('failed')
      executions[i]++
      if (failed) everFailed[i] = true
      obs[i].runs.push({
        runId: run.index + 1,
        startedAt: run.startedAt.toISOString(),
        commit: run.sha,
        branch: run.branch,
        attempts: statuses,
        firstError: failed ? 'simulated failure' : null,
        storm,
      })
      if (failed || failedBefore[i]) {
        const v = classifyTest(obs[i], flakyOptions)
        verdicts.set(id, v)
        if (v.state === 'flaky' && !ours.detectedAt.has(id)) {
          ours.detectedAt.set(id, executions[i])
          ours.detectedDay.set(id, run.day)
        }
      }
      failedBefore[i] = failed
      for (const o of others) {
        o.rule.observe(o.states[i], run, statuses)
        if (!o.detectedAt.has(id) && o.rule.label(o.states[i])) {
          o.detectedAt.set(id, executions[i])
          o.detectedDay.set(id, run.day)
        }
      }
      if (statuses.at(-1) === 'failed') finalFailures.push({ test, id })
      for (const [attempt, status] of statuses.entries()) {
        attempts.push({
          file: test.file,
          fullName: test.fullName,
          attempt,
          status,
          ...(status === 'failed' ? { errorMessage: 'simulated failure' } : {}),
        })
      }
    }
    // Real failures: regressions, and tests a pull request broke; quarantine must never hide them.
    const regressions = finalFailures.filter(({ test }) => test.kind === 'regression' || test === run.breaks)
    regressionFailures += regressions.length
    for (const t of all) {
      const masked = finalFailures.length > 0 && finalFailures.every(({ id }) => t.quarantined.has(id))
      if (masked) t.masked += regressions.length
    }
    pending.push({
      run: { runKey: `s${seed}-r${run.index}`, runner: 'simulator', startedAt: run.startedAt, commit: run.sha, branch: run.branch },
      end: { outcome: finalFailures.length > 0 ? 'failed' : 'passed', endedAt: new Date(run.startedAt.getTime() + 1000) },
      attempts,
    })
  }
  endOfDay(day)
  store.close()
  return {
    tests,
    obs,
    executions,
    everFailed,
    all,
    regressionFailures,
    checkpoints,
    retries: simulation.retries,
    runsPerDay: simulation.runsPerDay,
  }
}
