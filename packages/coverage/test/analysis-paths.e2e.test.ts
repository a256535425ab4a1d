import { execFileSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '@aqe/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateProject } from '../../../benchmarks/gaps/generate-project.mjs'
import { analyseGaps, type GapOptions, htmlReport } from '../src/index.js'

// One coverage file is read entry by entry with a worker measuring the sources (large coverage
// starts the worker early); anything else goes through istanbul-lib-coverage's whole map. Both
// must give the same report, and problems must be reported as the whole-map path reports them.
const dir = mkdtempSync(join(tmpdir(), 'aqe-gaps-paths-'))
let coverage = ''
let map: Record<string, { path: string; s: Record<string, number> }> = {}
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@aqe.invalid', ...args], { cwd, stdio: 'ignore' })

beforeAll(() => {
  // 600 files make a 3.4 MB coverage file: large enough for the early worker.
  coverage = generateProject(dir, { files: 600, seed: 5 })
  map = JSON.parse(readFileSync(coverage, 'utf8'))
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'add', 'src')
  git(dir, 'commit', '-q', '-m', 'base')
  // A change since the base, so that changed-line coverage and change membership are computed too.
  appendFileSync(join(dir, 'src', 'm1', 'file100.ts'), '\nexport const added = 1\n')
  const changedSource = readFileSync(join(dir, 'src', 'm2', 'file200.ts'), 'utf8').replace('return c * 2', 'return c * 3')
  writeFileSync(join(dir, 'src', 'm2', 'file200.ts'), changedSource)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const analyse = (options: GapOptions = {}) => analyseGaps({ root: dir, coverageFiles: [coverage], base: 'HEAD', ...options })

/** Writes `text` as another coverage file in the project and returns its path. */
function coverageFile(name: string, text: string): string {
  const file = join(dir, 'coverage', name)
  writeFileSync(file, text)
  return file
}

describe('reading one coverage file entry by entry', () => {
  it('gives the report of the whole map, on one thread or with a worker', async () => {
    const streamed = analyse()
    expect(streamed.changed?.files).toBeGreaterThan(0)
    expect(streamed.gaps.some((gap) => gap.changed)).toBe(true)
    expect(analyse({ coverageMap: map })).toEqual(streamed)
    expect(analyse({ parallelism: 1 })).toEqual(streamed)
    // The TypeScript sources have no compiled worker to start: the built package runs one.
    const built = (await import('../dist/index.js')) as typeof import('../src/index.js')
    expect(built.analyseGaps({ root: dir, coverageFiles: [coverage], base: 'HEAD' })).toEqual(streamed)
    expect(built.analyseGaps({ root: dir, coverageMap: map, base: 'HEAD' })).toEqual(streamed)
  })

  it('gives the same report for indented JSON and for a layout it cannot split', () => {
    const expected = analyse()
    expect(analyse({ coverageFiles: [coverageFile('indented.json', JSON.stringify(map, null, 2))] })).toEqual(expected)
    // path written last in every entry: parsed whole.
    const pathLast = Object.fromEntries(Object.entries(map).map(([key, { path, ...rest }]) => [key, { ...rest, path }]))
    expect(analyse({ coverageFiles: [coverageFile('path-last.json', JSON.stringify(pathLast))] })).toEqual(expected)
  })

  it('keeps the sources it read for the HTML report, which then reads none', () => {
    const sources = new Map<string, string>()
    const report = analyse({ sources })
    expect(sources.size).toBeGreaterThan(500)
    expect(htmlReport(report, undefined, sources)).toBe(htmlReport(report))
  })

  it('reports broken JSON as the whole-map path does', () => {
    const text = readFileSync(coverage, 'utf8')
    const broken = coverageFile('broken.json', text.replace(/"s":\{"0":(\d+)/, '"s":{"0":'))
    expect(() => analyse({ coverageFiles: [broken] })).toThrow(/is not valid JSON/)
    expect(() => analyse({ coverageFiles: [broken] })).toThrow(InputError)
  })

  it('reports missing sources, fully covered or not, as the whole-map path does', async () => {
    const built = (await import('../dist/index.js')) as typeof import('../src/index.js')
    const copy = mkdtempSync(join(tmpdir(), 'aqe-gaps-missing-'))
    try {
      cpSync(join(dir, 'src'), join(copy, 'src'), { recursive: true })
      const moved = Object.fromEntries(
        Object.entries(map).map(([key, value]) => [key.replace(dir, copy), { ...value, path: value.path.replace(dir, copy) }]),
      )
      const text = JSON.stringify(moved)
      writeFileSync(join(copy, 'coverage.json'), text)
      const fullyCovered = Object.entries(moved).find(([, data]) => !Object.values(data.s).includes(0))?.[0]
      const withGaps = Object.keys(moved)[3] as string
      expect(fullyCovered).toBeDefined()
      for (const missing of [fullyCovered as string, withGaps]) {
        const saved = readFileSync(missing, 'utf8')
        rmSync(missing)
        const options = { root: copy, coverageFiles: [join(copy, 'coverage.json')] }
        const message = `The coverage refers to 1 source file that no longer exists: ${missing}.`
        expect(() => analyseGaps(options)).toThrow(message)
        expect(() => built.analyseGaps(options)).toThrow(message)
        writeFileSync(missing, saved)
      }
    } finally {
      rmSync(copy, { recursive: true, force: true })
    }
  })
})
