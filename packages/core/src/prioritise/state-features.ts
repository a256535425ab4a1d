import type { TestMemory } from './test-memory.js'

/** Names of the state features, in vector order. */
export const FEATURE_NAMES = [
  'new',
  'failed-1',
  'failed-2',
  'failed-3',
  'failed-4',
  'failure-rate',
  'fast-trend',
  'slow-trend',
  'failure-streak',
  'cycles-since-run',
  'cycles-since-failure',
  'failed-alone',
  'passed-in-failing-cycle',
  'relative-duration',
  'failed-in-large-cycle',
  'relative-gap',
  'failed-after-gap',
] as const

/** Length of a state vector. */
export const FEATURE_COUNT = FEATURE_NAMES.length

/** What the features of one test need to know about the cycle it is ranked in. */
export interface CycleContext {
  /** The cycle being ranked (one more than the last cycle learnt). */
  cycle: number
  /** Number of tests in the cycle. */
  size: number
  /** Median of the log durations of the cycle's tests. */
  medianLogDuration: number
  /** Smallest and largest number of cycles since the last run among the cycle's known tests. */
  minGap: number
  maxGap: number
}

/** Builds the context of a cycle from its tests' memories and expected durations. */
export function cycleContext(cycle: number, memories: readonly (TestMemory | undefined)[], durations: readonly number[]): CycleContext {
  const logs = durations.map(logDuration).sort((a, b) => a - b)
  let minGap = Number.POSITIVE_INFINITY
  let maxGap = 0
  for (const memory of memories) {
    if (!memory) continue
    const gap = cycle - memory.lastCycle
    minGap = Math.min(minGap, gap)
    maxGap = Math.max(maxGap, gap)
  }
  return {
    cycle,
    size: memories.length,
    medianLogDuration: logs.length > 0 ? (logs[logs.length >> 1] as number) : 0,
    minGap: Number.isFinite(minGap) ? minGap : 0,
    maxGap,
  }
}

/** Natural log of a duration, with anything under 1 ms counted as 1 ms. */
export function logDuration(durationMs: number): number {
  return Math.log(Math.max(1, durationMs))
}

/**
 * Writes the state of one test into `out` (length FEATURE_COUNT). A test without history reads
 * as one that failed its last four runs, as in RETECS, so a new test is tried early.
 */
export function stateFeatures(memory: TestMemory | undefined, durationMs: number, context: CycleContext, out: Float64Array): void {
  out.fill(0)
  out[13] = logDuration(durationMs) - context.medianLogDuration
  if (!memory) {
    out[0] = 1
    out[1] = out[2] = out[3] = out[4] = 1
    out[5] = 0.5
    out[6] = out[7] = 1
    return
  }
  const bit = (k: number) => memory.verdicts[k] ?? 1
  const last = bit(0)
  let streak = 0
  for (const verdict of memory.verdicts) {
    if (verdict === 0) break
    streak++
  }
  const gap = context.cycle - memory.lastCycle
  const relativeGap = context.maxGap > context.minGap ? (gap - context.minGap) / (context.maxGap - context.minGap) : 0
  out[1] = last
  out[2] = bit(1)
  out[3] = bit(2)
  out[4] = bit(3)
  out[5] = (memory.failures + 1) / (memory.runs + 2)
  out[6] = memory.fastTrend
  out[7] = memory.slowTrend
  out[8] = streak / memory.verdicts.length
  out[9] = Math.log(Math.max(1, gap)) / 4
  out[10] = memory.lastFailCycle < 0 ? 1 : Math.log(Math.max(1, context.cycle - memory.lastFailCycle)) / 4
  out[11] = last * (1 - memory.lastCycleFailShare)
  out[12] = (1 - last) * memory.lastCycleFailShare
  out[14] = (last * Math.log(context.size)) / 7
  out[15] = relativeGap
  out[16] = last * relativeGap
}
