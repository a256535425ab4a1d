import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { formatJsonlLine, parseJsonl } from '../src/io/jsonl-format.js'
import { formatJunit } from '../src/io/junit-export.js'
import { parseJunit } from '../src/io/junit-import.js'
import { summarizeHistory } from '../src/store/history-summary.js'
import { iterateExecutions } from '../src/store/read-executions.js'
import { SqliteHistoryStore } from '../src/store/sqlite-history-store.js'
import { sampleRun } from './store-helpers.js'

const snapshot = (store: SqliteHistoryStore) =>
  [...iterateExecutions(store.db)].map(({ runKey, file, fullName, attempt, final, status, durationMs, errorMessage, commit, branch }) => ({
    runKey,
    file,
    fullName,
    attempt,
    final,
    status,
    durationMs,
    errorMessage,
    commit,
    branch,
  }))

describe('JSON Lines', () => {
  const tempDir = useTempDir()

  it('round-trips every execution through export and import', () => {
    const dir = tempDir()
    const source = SqliteHistoryStore.open(join(dir, 'a.db'))
    source.addRuns([sampleRun('r1'), sampleRun('r2', { shard: '2/2' })])
    const text = [...iterateExecutions(source.db)].map(formatJsonlLine).join('\n')
    const target = SqliteHistoryStore.open(join(dir, 'b.db'))
    target.addRuns(parseJsonl(text, 'x.jsonl'))
    expect(snapshot(target)).toEqual(snapshot(source))
    expect(target.db.prepare('SELECT shard FROM runs ORDER BY id').pluck().all()).toEqual([null, '2/2'])
    expect(target.addRuns(parseJsonl(text, 'x.jsonl')).runsAdded).toBe(0)
    source.close()
    target.close()
  })

  it('accepts the documented minimal keys', () => {
    const line = {
      runId: 'ci-42',
      runner: 'jest',
      commit: 'abc',
      branch: 'main',
      startedAt: '2026-03-01T10:00:00Z',
      file: 'a.test.ts',
      fullName: 'a > b',
      attempt: 0,
      status: 'failed',
      durationMs: 3,
      errorMessage: 'boom',
    }
    const [run] = parseJsonl(
      `${JSON.stringify(line)}\n${JSON.stringify({ ...line, attempt: 1, status: 'passed', errorMessage: null })}\n`,
      'f',
    )
    expect(run?.run).toMatchObject({ runKey: 'ci-42', runner: 'jest', commit: 'abc', branch: 'main' })
    expect(run?.attempts.map((a) => [a.attempt, a.status, a.errorMessage])).toEqual([
      [0, 'failed', 'boom'],
      [1, 'passed', undefined],
    ])
  })

  it('rejects a bad line with its number and the offending key, before importing anything', () => {
    const good = JSON.stringify({
      runId: 'r',
      runner: 'j',
      startedAt: '2026-03-01T10:00:00Z',
      file: 'f',
      fullName: 'n',
      attempt: 0,
      status: 'passed',
    })
    expect(() => parseJsonl(`${good}\n${good.replace('"passed"', '"green"')}`, 'in.jsonl')).toThrow(/in\.jsonl:2: key "status"/)
    expect(() => parseJsonl(`${good}\n{oops`, 'in.jsonl')).toThrow(/in\.jsonl:2: not valid JSON/)
    expect(() => parseJsonl(good.replace('"attempt":0', '"attempt":-1'), 'in.jsonl')).toThrow(/in\.jsonl:1: key "attempt"/)
  })
})

describe('JUnit XML', () => {
  const tempDir = useTempDir()

  it('round-trips aqe exports exactly, retries included', () => {
    const dir = tempDir()
    const source = SqliteHistoryStore.open(join(dir, 'a.db'))
    source.addRuns([sampleRun('r1'), sampleRun('r2', { shard: '1/3' })])
    const xml = [...formatJunit(iterateExecutions(source.db))].join('')
    const target = SqliteHistoryStore.open(join(dir, 'b.db'))
    target.addRuns(parseJunit(xml, 'r.xml'))
    expect(snapshot(target)).toEqual(snapshot(source))
    expect(summarizeHistory(target.db).byStatus).toEqual(summarizeHistory(source.db).byStatus)
    expect(target.db.prepare('SELECT run_key, shard FROM runs ORDER BY id').raw().all()).toEqual([
      ['r1', null],
      ['r2', '1/3'],
    ])
    source.close()
    target.close()
  })

  it('reads reports of other tools: jest-junit, Vitest and Surefire reruns', () => {
    const xml = `<?xml version="1.0"?>
<testsuites>
  <testsuite name="math" timestamp="2026-03-01T10:00:00" tests="4">
    <testcase classname="math add" name="math add sums" file="test/math.test.js" time="0.012"/>
    <testcase classname="math" name="divides" time="0.5"><failure message="expected 2" type="AssertionError">stack</failure></testcase>
    <testcase classname="math" name="later"><skipped/></testcase>
    <testcase classname="math" name="retried" time="0.1"><flakyFailure message="timeout" type="Error"/><flakyFailure message="timeout again"/></testcase>
  </testsuite>
  <testsuite name="test/b.test.ts"><testcase classname="test/b.test.ts" name="b &gt; works" time="0"/></testsuite>
</testsuites>`
    const runs = parseJunit(xml, 'r.xml', { runner: 'jest', commit: 'abc' })
    expect(runs).toHaveLength(1)
    const { run, attempts, end } = runs[0] as (typeof runs)[number]
    expect(run).toMatchObject({ runner: 'jest', commit: 'abc', startedAt: new Date('2026-03-01T10:00:00') })
    expect(run.runKey).toMatch(/^junit:[0-9a-f]{16}$/)
    expect(end?.outcome).toBe('failed')
    expect(attempts.map((a) => [a.file, a.fullName, a.attempt, a.status, a.errorMessage])).toEqual([
      ['test/math.test.js', 'math add sums', 0, 'passed', undefined],
      ['math', 'divides', 0, 'failed', 'expected 2'],
      ['math', 'later', 0, 'skipped', undefined],
      ['math', 'retried', 0, 'failed', 'timeout'],
      ['math', 'retried', 1, 'failed', 'timeout again'],
      ['math', 'retried', 2, 'passed', undefined],
      ['test/b.test.ts', 'b > works', 0, 'passed', undefined],
    ])
    expect(attempts[1]?.durationMs).toBe(500)
    expect(parseJunit(xml, 'r.xml')[0]?.run.runKey).toBe(run.runKey)
  })

  it('rejects malformed XML with the line, and XML that is not JUnit', () => {
    expect(() => parseJunit('<testsuites>\n<testsuite>\n</testsuites>', 'bad.xml')).toThrow(/bad\.xml:\d+: not well-formed XML/)
    expect(() => parseJunit('<html></html>', 'page.xml')).toThrow(/page\.xml: no <testsuites> or <testsuite> element/)
  })
})
