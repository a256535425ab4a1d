import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { judgeRun } from '../src/quarantine/judge-run.js'
import { writeQuarantine } from '../src/quarantine/quarantine-store.js'
import type { AttemptRecord } from '../src/record/types.js'
import { SqliteHistoryStore, type StoredRun } from '../src/store/sqlite-history-store.js'

const NOW = new Date('2026-03-01T00:00:00.000Z')
const file = 'a.test.ts'
const attempt = (fullName: string, status: 'passed' | 'failed', n = 0): AttemptRecord => ({
  file,
  fullName,
  attempt: n,
  status,
  errorMessage: status === 'failed' ? 'boom' : undefined,
})

function history(runs: number, extra: AttemptRecord[] = []): StoredRun[] {
  return Array.from({ length: runs }, (_, i) => ({
    run: { runKey: `r${i}`, runner: 'vitest', startedAt: new Date(NOW.getTime() - (runs - i) * 60_000), commit: `c${i}`, branch: 'main' },
    attempts: [attempt('recovered', i === 0 ? 'failed' : 'passed'), ...(i === runs - 1 ? extra : [])],
  }))
}

describe('judgeRun', () => {
  const tempDir = useTempDir()
  const silent = () => {}

  function project(runs: StoredRun[]): string {
    const root = tempDir()
    const store = SqliteHistoryStore.open(join(root, '.aqe', 'history.db'))
    store.addRuns(runs)
    store.close()
    writeQuarantine(join(root, '.aqe', 'quarantine.json'), [
      { id: `${file} > flaky`, reason: 'r', created: '2026-01-01T00:00:00.000Z', source: 'manual' },
      { id: `${file} > recovered`, reason: 'r', owner: '@qa', created: '2026-01-01T00:00:00.000Z', source: 'manual' },
      {
        id: `${file} > lapsed`,
        reason: 'r',
        owner: '@qa',
        created: '2026-01-01T00:00:00.000Z',
        expires: '2026-02-01T00:00:00.000Z',
        source: 'manual',
      },
    ])
    return root
  }

  it('passes a run whose only failure is quarantined and recorded, and lists tests ready for release', async () => {
    const root = project(history(61, [attempt('flaky', 'failed'), attempt('flaky', 'failed', 1)]))
    const summary = join(root, 'summary.md')
    const failures = { failedTests: [{ file, fullName: 'flaky', attempts: 2, firstError: 'boom' }], otherCauses: [] }
    const startedAt = new Date(NOW.getTime() - 60_000)
    expect(await judgeRun({ root, startedAt, failures, passedOnRetry: [], summaryFile: summary, warn: silent, now: NOW })).toBe(true)
    const markdown = readFileSync(summary, 'utf8')
    expect(markdown).toContain('### Quarantined failures (ignored: the run passes)')
    expect(markdown).toContain('### Ready for release\n\n- `a.test.ts > recovered`')
  })

  it('does not pass a run whose quarantined failure is not in the store, and says why', async () => {
    const root = project(history(3))
    const warnings: string[] = []
    const failures = { failedTests: [{ file, fullName: 'flaky', attempts: 1 }], otherCauses: [] }
    expect(await judgeRun({ root, startedAt: NOW, failures, passedOnRetry: [], warn: (m) => warnings.push(m), now: NOW })).toBe(false)
    expect(warnings).toEqual([
      expect.stringMatching(/failure of a\.test\.ts > flaky is not in the history store.*Quarantine is not applied/),
    ])
  })

  it('does not let an expired entry mask a failure, and reports its owner', async () => {
    const root = project(history(3, [attempt('lapsed', 'failed')]))
    const summary = join(root, 'summary.md')
    const failures = { failedTests: [{ file, fullName: 'lapsed', attempts: 1 }], otherCauses: [] }
    expect(
      await judgeRun({
        root,
        startedAt: new Date(NOW.getTime() - 60_000),
        failures,
        passedOnRetry: [],
        summaryFile: summary,
        warn: silent,
        now: NOW,
      }),
    ).toBe(false)
    expect(readFileSync(summary, 'utf8')).toContain('- `a.test.ts > lapsed` expired 2026-02-01T00:00:00.000Z, owner @qa')
  })

  it('never passes when the config is invalid', async () => {
    const root = project(history(3, [attempt('flaky', 'failed')]))
    writeFileSync(join(root, 'aqe.config.json'), JSON.stringify({ quarantine: { activateAbove: 5 } }))
    const warnings: string[] = []
    const failures = { failedTests: [{ file, fullName: 'flaky', attempts: 1 }], otherCauses: [] }
    expect(
      await judgeRun({
        root,
        startedAt: new Date(NOW.getTime() - 60_000),
        failures,
        passedOnRetry: [],
        warn: (m) => warnings.push(m),
        now: NOW,
      }),
    ).toBe(false)
    expect(warnings[0]).toMatch(/quarantine\.activateAbove/)
  })
})
