import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calcFixture, runAqe } from '../../../test-helpers/fixture.js'
import { fixtureCoverage } from '../../coverage/test/support/fixture-coverage.js'

const dir = mkdtempSync(join(tmpdir(), 'aqe-gaps-gate-'))
const repo = join(dir, 'repo')
let fixtureJson: string
let baseSha: string

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=aqe test', '-c', 'user.email=test@aqe.invalid', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim()

/** The fixture's real coverage, moved to describe the same sources under another root. */
function coverageFor(root: string): string {
  const file = join(root, 'coverage-final.json')
  writeFileSync(file, fixtureJson.replaceAll(`${calcFixture}/src/`, `${root}/src/`))
  return file
}

function appendToLine(file: string, line: number, text: string) {
  const lines = readFileSync(file, 'utf8').split('\n')
  lines[line - 1] += text
  writeFileSync(file, lines.join('\n'))
}

beforeAll(async () => {
  fixtureJson = readFileSync(await fixtureCoverage('jest-babel', join(dir, 'coverage')), 'utf8')
  cpSync(join(calcFixture, 'src'), join(repo, 'src'), { recursive: true })
  writeFileSync(join(repo, '.gitignore'), 'coverage-final.json\n')
  git(repo, 'init', '-q')
  git(repo, 'add', '.')
  git(repo, 'commit', '-q', '-m', 'base')
  baseSha = git(repo, 'rev-parse', 'HEAD')
  git(repo, 'checkout', '-q', '-b', 'feature')
  // Comments at line ends keep every coverage position valid: one changed line is covered, one is not.
  appendToLine(join(repo, 'src', 'money.ts'), 24, ' // changed: covered')
  appendToLine(join(repo, 'src', 'money.ts'), 32, ' // changed: never run')
  git(repo, 'commit', '-q', '-am', 'change money')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('aqe gaps --base on a real git repository', () => {
  it('fails the gate when the changed lines are covered less than --fail-under', async () => {
    const result = await runAqe(['gaps', '--coverage', coverageFor(repo), '--base', 'main', '--fail-under', '80'], { cwd: repo })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Changed lines since main: 50% (1/2 in 1 file)')
    expect(result.stderr).toContain('FAILED: 50% of changed lines covered (1/2 executable lines since main), under --fail-under 80%.')
  })

  it('passes the gate at the threshold, and marks the gaps on changed lines', async () => {
    const result = await runAqe(['gaps', '--coverage', coverageFor(repo), '--base', 'main', '--fail-under', '50', '--format', 'json'], {
      cwd: repo,
    })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('passed: 50% of changed lines covered')
    const json = JSON.parse(result.stdout)
    expect(json.changed).toEqual({ base: 'main', total: 2, covered: 1, pct: 50, files: 1 })
    const addMoney = json.gaps.find((g: { functionName: string; kind: string }) => g.functionName === 'addMoney' && g.kind === 'function')
    expect(addMoney.changed).toBe(true)
    expect(addMoney.reasons).toContainEqual({ signal: 'changed', value: 'main', text: 'changed since main' })
    expect(addMoney.reasons).toContainEqual({ signal: 'churn', value: 2, text: 'file changed in 2 commits' })
    const unchanged = json.gaps.filter((g: { file: string }) => g.file !== 'src/money.ts')
    expect(unchanged.every((g: { changed: boolean }) => g.changed === false)).toBe(true)
  })

  it('reads critical globs from the aqe config, and rejects a bad gaps setting', async () => {
    const config = join(repo, 'aqe.config.json')
    try {
      writeFileSync(config, JSON.stringify({ gaps: { critical: ['src/stat*.ts'] } }))
      const result = await runAqe(['gaps', '--coverage', coverageFor(repo), '--json'], { cwd: repo })
      expect(result.code).toBe(0)
      const gaps = JSON.parse(result.stdout).gaps as { file: string; critical?: string }[]
      expect(gaps.filter((g) => g.file === 'src/stats.ts').every((g) => g.critical === 'src/stat*.ts')).toBe(true)
      expect(gaps.filter((g) => g.file !== 'src/stats.ts').some((g) => g.critical !== undefined)).toBe(false)
      writeFileSync(config, JSON.stringify({ gaps: { critical: 'src/**' } }))
      const bad = await runAqe(['gaps', '--coverage', coverageFor(repo)], { cwd: repo })
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('option "gaps.critical"')
    } finally {
      unlinkSync(config)
    }
  })

  it('fails loudly on a shallow clone that lacks the base', async () => {
    const shallow = join(dir, 'shallow')
    git(dir, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo}`, shallow)
    const result = await runAqe(['gaps', '--coverage', coverageFor(shallow), '--base', baseSha], { cwd: shallow })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`--base ${baseSha} is not in this shallow clone`)
    expect(result.stderr).toContain('git fetch --unshallow')
  })
})
