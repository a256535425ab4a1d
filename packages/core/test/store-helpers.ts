import type { AttemptRecord, RunInfo } from '../src/record/types.js'
import type { StoredRun } from '../src/store/sqlite-history-store.js'

/** A run identity for tests; `key` makes it unique. */
export function runInfo(key: string, overrides: Partial<RunInfo> = {}): RunInfo {
  return { runKey: key, runner: 'vitest', startedAt: new Date('2026-01-02T03:04:05.000Z'), commit: 'c1', branch: 'main', ...overrides }
}

/** A passed attempt of `name` in `file`. */
export function passed(name: string, file = 'test/a.test.ts', durationMs = 5): AttemptRecord {
  return { file, fullName: name, attempt: 0, status: 'passed', durationMs }
}

/** A run in which `flaky` fails once then passes and `ok` passes. */
export function sampleRun(key: string, overrides: Partial<RunInfo> = {}): StoredRun {
  return {
    run: runInfo(key, overrides),
    end: { outcome: 'passed', endedAt: new Date('2026-01-02T03:04:06.000Z') },
    attempts: [
      {
        file: 'test/a.test.ts',
        fullName: 'suite > flaky',
        attempt: 0,
        status: 'failed',
        errorName: 'Error',
        errorMessage: 'timeout after 30ms',
      },
      { file: 'test/a.test.ts', fullName: 'suite > flaky', attempt: 1, status: 'passed', durationMs: 12 },
      passed('suite > ok'),
      { file: 'test/b.test.ts', fullName: 'later', attempt: 0, status: 'todo' },
    ],
  }
}
