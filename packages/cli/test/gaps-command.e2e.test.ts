import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calcFixture, runAqe } from '../../../test-helpers/fixture.js'
import { fixtureCoverage } from '../../coverage/test/support/fixture-coverage.js'

const dir = mkdtempSync(join(tmpdir(), 'aqe-gaps-cli-'))
let coverage: string
const gaps = (args: string[], env: NodeJS.ProcessEnv = {}) => runAqe(['gaps', '--coverage', coverage, ...args], { cwd: calcFixture, env })

beforeAll(async () => {
  coverage = await fixtureCoverage('vitest-v8', join(dir, 'coverage'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('aqe gaps on the fixture coverage', () => {
  it('prints the totals and the top gaps with their reasons as a table', async () => {
    const result = await gaps(['--top', '3'])
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^Coverage: lines [\d.]+% \(\d+\/\d+\), statements/)
    expect(result.stdout).toContain('Top 3 of ')
    expect(lines.find((l) => l.startsWith('1 '))).toMatch(
      /src\/retry\.ts:L20-L28 +statements +retry +7 statements never run; in retry, cyclomatic complexity 9/,
    )
    expect(result.stdout).toMatch(/\+\d+ more \(use --top or --format json\)/)
  })

  it('writes JSON in the documented schema: istanbul-shaped totals and ranked gaps', async () => {
    const out = join(dir, 'gaps.json')
    const result = await gaps(['--format', 'json', '--out', out])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    const json = JSON.parse(readFileSync(out, 'utf8'))
    expect(Object.keys(json)).toEqual(['schemaVersion', 'tool', 'root', 'commit', 'totals', 'changed', 'gapCount', 'gaps', 'files'])
    for (const metric of ['lines', 'statements', 'functions', 'branches'])
      expect(Object.keys(json.totals[metric])).toEqual(['total', 'covered', 'skipped', 'pct'])
    expect(json.gaps).toHaveLength(json.gapCount)
    const first = json.gaps[0]
    expect(first).toMatchObject({ file: 'src/retry.ts', kind: 'statements', startLine: 20, endLine: 28 })
    expect(typeof first.score).toBe('number')
    expect(first.reasons[0]).toEqual({ signal: 'uncovered', value: 7, text: '7 statements never run' })
  })

  it('writes Markdown for a sticky PR comment with permalinks at the commit, and the GitHub job summary', async () => {
    const summary = join(dir, 'summary.md')
    writeFileSync(summary, '')
    const env = {
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_REPOSITORY: 'acme/calc',
      GITHUB_SHA: 'abc123',
      GITHUB_SERVER_URL: 'https://github.com',
    }
    const result = await gaps(['--format', 'md'], env)
    expect(result.code).toBe(0)
    const md = result.stdout
    expect(md.startsWith('<!-- aqe-gaps-report:default -->\n## Coverage gaps')).toBe(true)
    expect(md).toContain('| 1 | ')
    expect(md).toContain('[`src/retry.ts#L20-L28`](https://github.com/acme/calc/blob/abc123/fixtures/calc/src/retry.ts#L20-L28)')
    expect(md).toContain('<details><summary>Gaps by file</summary>')
    expect(readFileSync(summary, 'utf8')).toBe(md)
    expect(result.stderr).toContain('added the report to the GitHub job summary')
  })
})

describe('aqe gaps on bad input', () => {
  const expectBadInput = async (args: string[], message: RegExp) => {
    const result = await runAqe(['gaps', ...args], { cwd: calcFixture })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(message)
  }

  it('a missing coverage file', () =>
    expectBadInput(['--coverage', join(dir, 'nope.json')], /nope\.json does not exist\. Run your tests with coverage/))

  it('malformed JSON', () => {
    const file = join(dir, 'broken.json')
    writeFileSync(file, '{"src/a.ts": {')
    return expectBadInput(['--coverage', file], /broken\.json is not valid JSON .*Regenerate it/)
  })

  it('JSON that is not a coverage map', () => {
    const file = join(dir, 'summary.json')
    writeFileSync(file, JSON.stringify({ total: { lines: { total: 1, covered: 1, pct: 100 } } }))
    return expectBadInput(['--coverage', file], /not an istanbul coverage map: the entry for "total" lacks statementMap/)
  })

  it('coverage for files that no longer exist', () => {
    const data = JSON.parse(readFileSync(coverage, 'utf8'))
    const [path, entry] = Object.entries(data)[0] as [string, object]
    const gone = path.replace(/\.ts$/, '-deleted.ts')
    const file = join(dir, 'stale.json')
    writeFileSync(file, JSON.stringify({ [gone]: { ...entry, path: gone } }))
    return expectBadInput(['--coverage', file], /refers to 1 source file that no longer exists: .*-deleted\.ts\. Regenerate the coverage/)
  })

  it('an unknown format', () =>
    expectBadInput(['--coverage', coverage, '--format', 'pdf'], /--format must be one of table, md, json, html, sarif, got "pdf"/))

  it('a bad --top', () => expectBadInput(['--coverage', coverage, '--top', 'ten'], /--top must be a positive integer, got "ten"/))

  it('a base ref that does not exist', () =>
    expectBadInput(
      ['--coverage', coverage, '--base', 'no-such-branch'],
      /--base no-such-branch is not a commit, branch or tag in this repository/,
    ))

  it('--fail-under without --base', () =>
    expectBadInput(['--coverage', coverage, '--fail-under', '80'], /--fail-under gates the coverage of changed lines, so it needs --base/))
})
