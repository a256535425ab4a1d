import { hashString } from '@aqe/core'
import { argumentTuples } from './argument-tuples.js'
import type { CallRecord, ChildConfig, ChildMessage } from './child-protocol.js'
import type { CoverageTracker } from './coverage-tracker.js'
import { type AnyFunction, type ExploreTarget, member, methodNames } from './explore-target.js'
import { type Observation, observeCall } from './observe-call.js'

const MAX_TARGETS = 120
const MAX_RECEIVERS_PER_TARGET = 3
const MAX_DEPTH = 2
/**
 * Names of functions that likely change module state (registries, prototypes, configuration).
 * They are explored only in the last part of the budget, so their effects (a rule that matches
 * everything) do not mask the branches of the functions explored before them.
 */
const MUTATOR =
  /^(add|set|register|use|define|install|monkey|unmonkey|patch|configure|config|reset|clear|remove|delete|extend|mixin|plugin)/i
const MUTATOR_SHARE = 0.35

interface TargetState {
  target: ExploreTarget
  tuples: Generator<string[]>
  tried: number
  receivers: number
}

/**
 * Feedback-directed exploration: round-robin over the targets, one argument tuple each per
 * round; a call is kept when it reaches code no kept call reached and behaves the same twice.
 * Functions, objects and instances that calls return become new receivers (and arguments).
 */
export async function exploreTargets(
  targets: ExploreTarget[],
  bindings: Record<string, unknown>,
  tracker: CoverageTracker,
  config: ChildConfig,
  send: (message: ChildMessage) => void,
): Promise<number> {
  const produced: string[] = []
  const states: TargetState[] = []
  // Values already explored (exports, returned receivers): a chainable API returning itself adds nothing.
  const known = new Set<unknown>([...targets.map((t) => t.fn), ...Object.values(bindings)])
  const add = (target: ExploreTarget) => {
    if (states.length >= MAX_TARGETS) return
    const seed = (config.seed ^ hashString(target.exportPath.join('.') + target.setup.join(';'))) >>> 0
    const sources = { hint: config.hints[target.hintName], mined: config.mined, pool: config.pool, produced: () => produced }
    states.push({ target, tuples: argumentTuples(target.fn.length, sources, seed), tried: 0, receivers: 0 })
  }
  for (const target of targets) add(target)
  let calls = 0
  const unhandled: unknown[] = []
  const onUnhandled = (error: unknown) => unhandled.push(error)
  process.on('uncaughtException', onUnhandled)
  process.on('unhandledRejection', onUnhandled)
  let progressed = true
  const mutatorsFrom = config.deadline - (config.deadline - Date.now()) * MUTATOR_SHARE
  let othersExhausted = false
  while (progressed && Date.now() < config.deadline) {
    progressed = false
    const late = othersExhausted || Date.now() >= mutatorsFrom
    let othersLeft = false
    for (const state of [...states]) {
      if (Date.now() >= config.deadline) break
      if (state.tried >= config.maxCallsPerTarget) continue
      if (!late && MUTATOR.test(state.target.hintName)) {
        progressed = true
        continue
      }
      othersLeft = true
      const next = state.tuples.next()
      if (next.done) {
        state.tried = config.maxCallsPerTarget
        continue
      }
      state.tried++
      progressed = true
      calls++
      const { target } = state
      const call = `${target.construct ? 'new ' : ''}${target.callee}(${next.value.join(', ')})`
      await tracker.take() // drops coverage of stray callbacks from earlier calls
      unhandled.length = 0
      const first = await observeCall(target.setup, call, bindings, config.callTimeoutMs)
      const delta = await tracker.take()
      if (process.env.AQE_EXPLORE_DEBUG)
        process.stderr.write(`${call} fresh=${delta.fresh} ${first.unusable ?? ''} ${JSON.stringify(first.outcome).slice(0, 80)}\n`)
      if (!first.unusable && unhandled.length === 0) learn(state, call, first, produced, add, bindings, known)
      if (first.unusable || unhandled.length > 0 || delta.fresh === 0) continue
      const second = await observeCall(target.setup, call, bindings, config.callTimeoutMs)
      await tracker.take()
      if (second.unusable || unhandled.length > 0 || fingerprint(first) !== fingerprint(second)) continue
      delta.commit()
      send(record(target, call, first, delta.lines, delta.gapHits, Object.keys(bindings)))
    }
    if (!othersLeft) othersExhausted = true
  }
  process.off('uncaughtException', onUnhandled)
  process.off('unhandledRejection', onUnhandled)
  return calls
}

function learn(
  state: TargetState,
  call: string,
  seen: Observation,
  produced: string[],
  add: (target: ExploreTarget) => void,
  bindings: Record<string, unknown>,
  known: Set<unknown>,
): void {
  const { target } = state
  const value = seen.value
  if (seen.outcome.kind === 'throws' || seen.outcome.kind === 'rejects') return
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null || Array.isArray(value))) return
  if (known.has(value)) return
  known.add(value)
  if (target.setup.length === 0 && produced.length < 30 && !produced.includes(call)) produced.push(call)
  if (target.depth >= MAX_DEPTH || state.receivers >= MAX_RECEIVERS_PER_TARGET) return
  state.receivers++
  const base = typeof value === 'function' ? 'fn' : 'obj'
  let name = `${base}${target.setup.length > 0 ? target.setup.length + 1 : ''}`
  while (name in bindings) name = `_${name}`
  const setup = [...target.setup, `const ${name} = ${call}`]
  const depth = target.depth + 1
  if (typeof value === 'function') {
    add({
      exportPath: [...target.exportPath, '()'],
      setup,
      callee: name,
      construct: false,
      fn: value as AnyFunction,
      hintName: value.name || target.hintName,
      depth,
    })
  }
  for (const method of methodNames(value as object).slice(0, 40)) {
    const fn = (value as Record<string, unknown>)[method]
    if (typeof fn !== 'function') continue
    const path = target.construct ? [...target.exportPath, 'prototype', method] : [...target.exportPath, '()', method]
    add({ exportPath: path, setup, callee: member(name, method), construct: false, fn: fn as AnyFunction, hintName: method, depth })
  }
}

/** Replays kept calls in order on a fresh module, as the test file runs them; confirms those that behave as recorded. */
export async function replayRecords(
  records: CallRecord[],
  bindings: Record<string, unknown>,
  config: ChildConfig,
  send: (message: ChildMessage) => void,
): Promise<void> {
  for (const [index, r] of records.entries()) {
    if (Date.now() >= config.deadline) return
    const seen = await observeCall(r.setup, r.call, bindings, config.callTimeoutMs)
    if (!seen.unusable && fingerprint(seen) === JSON.stringify([r.outcome, r.callsLiteral, r.callsCount, r.waits]))
      send({ type: 'confirmed', index })
  }
}

function fingerprint(o: Observation): string {
  return JSON.stringify([o.outcome, o.callsLiteral, o.callsCount, o.waits])
}

function record(target: ExploreTarget, call: string, seen: Observation, lines: number[], gapHits: number, names: string[]): CallRecord {
  const code = [...target.setup, call].join('\n')
  const out: CallRecord = {
    type: 'test',
    exportPath: target.exportPath,
    bindings: names.filter((n) => new RegExp(`(^|[^\\w$.])${n.replace(/\$/g, '\\$')}(?![\\w$])`).test(code)),
    setup: target.setup,
    call,
    title: call,
    usesCalls: /\bcalls\b/.test(code),
    waits: seen.waits,
    callsCount: seen.callsCount,
    outcome: seen.outcome,
    newLines: lines,
    gapHits,
  }
  if (seen.callsLiteral !== undefined) out.callsLiteral = seen.callsLiteral
  return out
}
