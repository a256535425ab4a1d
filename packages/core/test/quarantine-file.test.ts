import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { readQuarantine, resolveQuarantinePath, writeQuarantine } from '../src/quarantine/quarantine-store.js'

describe('the quarantine file', () => {
  const tempDir = useTempDir()

  it('round-trips entries sorted by id in a stable layout', () => {
    const path = join(tempDir(), '.aqe', 'quarantine.json')
    expect(readQuarantine(path)).toEqual([])
    writeQuarantine(path, [
      { source: 'auto', created: '2026-01-02T00:00:00.000Z', reason: 'flaky', id: 'b > t' },
      {
        id: 'a > t',
        reason: 'issue #1',
        owner: '@qa',
        created: '2026-01-01T00:00:00.000Z',
        expires: '2026-02-01T00:00:00.000Z',
        source: 'manual',
      },
    ])
    expect(readQuarantine(path).map((e) => e.id)).toEqual(['a > t', 'b > t'])
    expect(readFileSync(path, 'utf8')).toMatchInlineSnapshot(`
      "{
        "version": 1,
        "tests": [
          {
            "id": "a > t",
            "reason": "issue #1",
            "owner": "@qa",
            "created": "2026-01-01T00:00:00.000Z",
            "expires": "2026-02-01T00:00:00.000Z",
            "source": "manual"
          },
          {
            "id": "b > t",
            "reason": "flaky",
            "created": "2026-01-02T00:00:00.000Z",
            "source": "auto"
          }
        ]
      }
      "
    `)
  })

  it('rejects invalid files with a message naming the file and the field', () => {
    const path = join(tempDir(), 'quarantine.json')
    writeFileSync(path, '{"version":1,"tests":[{"id":"a > t","created":"2026-01-01","source":"manual"}]}')
    expect(() => readQuarantine(path)).toThrow(/quarantine.json is invalid at "tests.0.reason"/)
    writeFileSync(path, '{ nope')
    expect(() => readQuarantine(path)).toThrow(/is not valid JSON/)
    writeFileSync(
      path,
      JSON.stringify({ version: 1, tests: [1, 2].map(() => ({ id: 'x', reason: 'r', created: '2026-01-01', source: 'auto' })) }),
    )
    expect(() => readQuarantine(path)).toThrow(/lists "x" twice/)
  })

  it('resolves its path from the environment, then the config, then the default', () => {
    expect(resolveQuarantinePath('/p', undefined, {})).toBe('/p/.aqe/quarantine.json')
    expect(resolveQuarantinePath('/p', 'q.json', {})).toBe('/p/q.json')
    expect(resolveQuarantinePath('/p', 'q.json', { AQE_QUARANTINE_FILE: '/elsewhere.json' })).toBe('/elsewhere.json')
  })
})
