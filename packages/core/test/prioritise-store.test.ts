import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { prioritiseTestFiles } from '../src/prioritise/prioritise-test-files.js'
import { readRunOutcomes } from '../src/prioritise/read-run-outcomes.js'
import { FILE_POLICY_SCOPE, trainAgentFromStore } from '../src/prioritise/trained-agent.js'
import type { AttemptRecord } from '../src/record/types.js'
import { SqliteHistoryStore, type StoredRun } from '../src/store/sqlite-history-store.js'

const FILES = ['test/a.test.ts', 'test/b.test.ts', 'test/c.test.ts']

function storedRun(n: number, failing: Record<string, string> = {}): StoredRun {
  const attempts: AttemptRecord[] = FILES.flatMap((file) => [
    { file, fullName: 'works', attempt: 0, status: failing[file] === 'works' ? 'failed' : 'passed', durationMs: 10 },
    { file, fullName: 'flaky', attempt: 0, status: failing[file] === 'flaky' ? 'failed' : 'passed', durationMs: 5 },
  ])
  return {
    run: { runKey: `run-${n}`, runner: 'vitest', startedAt: new Date(Date.UTC(2026, 0, 1, 0, n)) },
    end: { outcome: Object.keys(failing).length > 0 ? 'failed' : 'passed', endedAt: new Date(Date.UTC(2026, 0, 1, 0, n, 30)) },
    attempts,
  }
}

describe('the prioritiser in the history store', () => {
  const tempDir = useTempDir()

  it('learns from every finished run, saves its policy, and next time learns only the new runs', () => {
    const store = SqliteHistoryStore.open(join(tempDir(), 'history.db'))
    try {
      store.addRuns([storedRun(1), storedRun(2, { 'test/b.test.ts': 'works' })])
      const first = trainAgentFromStore(store.db)
      expect(first.learntRuns).toBe(2)
      expect(first.agent.rank(FILES.map((id) => ({ id })))[0]?.id).toBe('test/b.test.ts')
      const saved = store.db.prepare('SELECT last_run_id AS lastRunId FROM prioritiser_policies WHERE scope = ?').get(FILE_POLICY_SCOPE)
      expect(saved).toEqual({ lastRunId: 2 })

      store.addRuns([storedRun(3, { 'test/c.test.ts': 'works' })])
      const second = trainAgentFromStore(store.db)
      expect(second.learntRuns).toBe(1)
      expect(second.agent.cycle).toBe(3)
      expect(second.agent.rank(FILES.map((id) => ({ id })))[0]?.id).toBe('test/c.test.ts')

      // Relearning everything from scratch reaches the very same policy.
      store.db.prepare('DELETE FROM prioritiser_policies').run()
      expect(trainAgentFromStore(store.db).agent.snapshot()).toEqual(second.agent.snapshot())
    } finally {
      store.close()
    }
  })

  it('leaves runs still running for later, and counts no failure of a quarantined test', () => {
    const store = SqliteHistoryStore.open(join(tempDir(), 'history.db'))
    try {
      store.addRuns([storedRun(1, { 'test/a.test.ts': 'flaky' })])
      store.beginRun({ runKey: 'in-progress', runner: 'jest', startedAt: new Date() })
      const quarantined = (testKey: string) => testKey === 'test/a.test.ts > flaky'
      const runs = readRunOutcomes(store.db, 0, quarantined)
      expect(runs).toHaveLength(1)
      expect(runs[0]?.outcomes).toEqual([
        { id: 'test/a.test.ts', failed: false, durationMs: 15 },
        { id: 'test/b.test.ts', failed: false, durationMs: 15 },
        { id: 'test/c.test.ts', failed: false, durationMs: 15 },
      ])
      expect(readRunOutcomes(store.db, 0, () => false)[0]?.outcomes[0]).toEqual({ id: 'test/a.test.ts', failed: true, durationMs: 15 })
    } finally {
      store.close()
    }
  })

  it('orders files by the stored history, and falls back to tie-breaks when there is no store yet', async () => {
    const root = tempDir()
    const db = join(root, 'history.db')
    const missing = await prioritiseTestFiles(root, FILES, { db })
    expect(missing.every((t) => t.isNew)).toBe(true)
    const store = SqliteHistoryStore.open(db)
    store.addRuns([storedRun(1), storedRun(2, { 'test/c.test.ts': 'works' })])
    store.close()
    const ranked = await prioritiseTestFiles(root, [...FILES, 'test/new.test.ts'], { db })
    expect(ranked.map((t) => t.id).slice(0, 2)).toEqual(['test/new.test.ts', 'test/c.test.ts'])
  })
})
