import { describe, expect, it } from 'vitest'
import { decideExit, type FailedTest } from '../src/quarantine/exit-decision.js'
import type { QuarantineEntry } from '../src/quarantine/quarantine-entry.js'

const NOW = new Date('2026-03-01T00:00:00.000Z')
const entry = (id: string, expires?: string): QuarantineEntry => ({
  id,
  reason: 'flaky',
  created: '2026-01-01T00:00:00.000Z',
  source: 'manual',
  ...(expires ? { expires } : {}),
})
const failed = (fullName: string): FailedTest => ({ file: 'a.test.ts', fullName, attempts: 3, firstError: 'boom' })
const entries = [entry('a.test.ts > q'), entry('a.test.ts > old', '2026-02-01T00:00:00.000Z')]

describe('decideExit', () => {
  it('passes a run whose only failures are quarantined', () => {
    const d = decideExit({ failedTests: [failed('q')], otherCauses: [] }, entries, NOW)
    expect(d.passRun).toBe(true)
    expect(d.quarantined).toHaveLength(1)
  })

  it('keeps the failure when any failure is not quarantined', () => {
    const d = decideExit({ failedTests: [failed('q'), failed('other')], otherCauses: [] }, entries, NOW)
    expect(d.passRun).toBe(false)
    expect(d.unquarantined.map((t) => t.fullName)).toEqual(['other'])
  })

  it('keeps the failure when anything but a test failed', () => {
    expect(decideExit({ failedTests: [failed('q')], otherCauses: ['a.test.ts failed to load'] }, entries, NOW).passRun).toBe(false)
  })

  it('does not pass a run without test failures', () => {
    expect(decideExit({ failedTests: [], otherCauses: [] }, entries, NOW).passRun).toBe(false)
  })

  it('stops masking once an entry expired, and reports it', () => {
    const d = decideExit({ failedTests: [failed('old')], otherCauses: [] }, entries, NOW)
    expect(d.passRun).toBe(false)
    expect(d.expired.map((e) => e.id)).toEqual(['a.test.ts > old'])
  })

  it('never matches a file-level failure to an entry', () => {
    expect(
      decideExit({ failedTests: [{ file: 'a.test.ts', fullName: '', attempts: 1 }], otherCauses: [] }, [entry('a.test.ts')], NOW).passRun,
    ).toBe(false)
  })
})
