import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProcessResult } from './run-process.js'
import { storedExecutions, storedRuns } from './store-rows.js'
import { useTempDir } from './temp-dir.js'

/** One runner's way of running the fixture suite, and what its failures say. */
export interface RecordingRunner {
  runner: 'jest' | 'vitest'
  run: (db: string, args?: readonly string[], env?: NodeJS.ProcessEnv) => Promise<ProcessResult>
  /** Part of the message of the first, failed attempt of "settles after one retry". */
  retryMessage: string
  /** Part of the message of the last attempt of "fails on demand". */
  failureMessage: string
  /** Whether the runner reports a duration for every attempt (Jest) or only the last (Vitest 4). */
  durationPerAttempt: boolean
  /** A shard to run, `index/count`. */
  shard: string
}

/** What every reporter must record from the fixture project, for one runner. */
export function describeRecording(r: RecordingRunner): void {
  describe(`${r.runner} reporter on the fixture project`, () => {
    const tempDir = useTempDir()

    it('records every attempt, retries included, without changing the run', async () => {
      const db = join(tempDir(), 'history.db')
      const result = await r.run(db)
      expect(result.code).toBe(0)
      expect(result.stdout).not.toContain('[aqe]')
      expect(result.stderr).not.toContain('[aqe]')
      const all = storedExecutions(db)
      const retried = all.filter((row) => row.fullName === 'unstable > settles after one retry')
      expect(retried.map((row) => [row.attempt, row.status, row.final])).toEqual([
        [0, 'failed', 0],
        [1, 'passed', 1],
      ])
      expect(retried[0]?.errorMessage).toContain(r.retryMessage)
      if (r.durationPerAttempt) expect(retried.every((row) => typeof row.durationMs === 'number')).toBe(true)
      expect(all.find((row) => row.fullName === 'unstable > is skipped')?.status).toBe('skipped')
      expect(all.find((row) => row.fullName === 'unstable > handles currencies without symbols')?.status).toBe('todo')
      expect(all.find((row) => row.fullName === 'stats > median > takes the middle of an odd list')?.file).toBe(
        `test/${r.runner}/stats.test.ts`,
      )
      expect(all.filter((row) => row.final === 1)).toHaveLength(15)
      expect(storedRuns(db)).toEqual([{ runner: r.runner, outcome: 'passed', shard: null }])
    })

    it('stores all three attempts of a test that keeps failing, and the run still fails', async () => {
      const db = join(tempDir(), 'history.db')
      const result = await r.run(db, [], { FIXTURE_FAIL: 'fails on demand' })
      expect(result.code).toBe(1)
      const failing = storedExecutions(db).filter((row) => row.fullName === 'unstable > fails on demand')
      expect(failing.map((row) => [row.attempt, row.status])).toEqual([
        [0, 'failed'],
        [1, 'failed'],
        [2, 'failed'],
      ])
      expect(failing[2]?.errorMessage).toContain(r.failureMessage)
      expect(storedRuns(db)).toEqual([{ runner: r.runner, outcome: 'failed', shard: null }])
    })

    it('records the shard of a sharded run', async () => {
      const db = join(tempDir(), 'history.db')
      expect((await r.run(db, [`--shard=${r.shard}`])).code).toBe(0)
      expect(storedRuns(db)).toEqual([{ runner: r.runner, outcome: 'passed', shard: r.shard }])
    })
  })
}
