/** Verdicts kept per test, most recent first. */
export const VERDICTS_KEPT = 8

/** What the agent remembers about one test between runs. Cycles count the runs the agent learnt from. */
export interface TestMemory {
  /** Recent verdicts, most recent first: 1 failed, 0 passed. */
  verdicts: number[]
  runs: number
  failures: number
  /** Cycle of the last run, and of the last failure (-1: never failed). */
  lastCycle: number
  lastFailCycle: number
  /** Exponentially weighted failure rates, fast (half weight on the last run) and slow. */
  fastTrend: number
  slowTrend: number
  /** Share of the tests of its last cycle that failed: an isolated failure tends to persist, a mass failure gets fixed. */
  lastCycleFailShare: number
  durationMs?: number
}

/** The memory of a test after one more verdict in `cycle`. */
export function rememberVerdict(
  memory: TestMemory | undefined,
  failed: boolean,
  cycle: number,
  cycleFailShare: number,
  durationMs: number | undefined,
): TestMemory {
  const verdict = failed ? 1 : 0
  const previous = memory ?? {
    verdicts: [],
    runs: 0,
    failures: 0,
    lastCycle: cycle,
    lastFailCycle: -1,
    fastTrend: verdict,
    slowTrend: verdict,
    lastCycleFailShare: 0,
  }
  return {
    verdicts: [verdict, ...previous.verdicts].slice(0, VERDICTS_KEPT),
    runs: previous.runs + 1,
    failures: previous.failures + verdict,
    lastCycle: cycle,
    lastFailCycle: failed ? cycle : previous.lastFailCycle,
    fastTrend: 0.5 * verdict + 0.5 * previous.fastTrend,
    slowTrend: 0.15 * verdict + 0.85 * previous.slowTrend,
    lastCycleFailShare: cycleFailShare,
    durationMs: durationMs ?? previous.durationMs,
  }
}
