// Writes a synthetic project: `files` TypeScript sources of `functionsPerFile` small functions
// each, and a coverage-final.json whose maps point at their real positions, with seeded
// pseudo-random hit counts, so aqe gaps has real sources to parse and real spans to rank.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SeededRandom } from '@aqe/core'

const LINES_PER_FUNCTION = 8

/** Deterministic PRNG, so every run generates the same project. */
function random(seed) {
  const generator = new SeededRandom(seed)
  return () => generator.next()
}

const pos = (line, column) => ({ line, column })
const range = (l1, c1, l2, c2) => ({ start: pos(l1, c1), end: pos(l2, c2) })

function fileFor(index, functions, next) {
  const lines = []
  const cov = { statementMap: {}, fnMap: {}, branchMap: {}, s: {}, f: {}, b: {} }
  let s = 0
  let b = 0
  for (let i = 0; i < functions; i++) {
    const L = i * LINES_PER_FUNCTION + 1
    const name = `f${index}_${i}`
    lines.push(
      `export function ${name}(a: number, b: number): number {`,
      '  if (a > b) {',
      '    return a - b',
      '  }',
      '  const c = a || b',
      '  return c * 2',
      '}',
      '',
    )
    // Most functions run, and most of those take both arms of their if: a project near 85% coverage.
    const calls = next() < 0.95 ? 2 + Math.floor(next() * 4) : 0
    const mode = next()
    const took = calls === 0 ? 0 : mode < 0.7 ? 1 : mode < 0.85 ? calls : 0
    cov.fnMap[i] = { name, decl: range(L, 16, L, 16 + name.length), loc: range(L, 17 + name.length, L + 6, 1), line: L }
    cov.f[i] = calls
    const statement = (r, hits) => {
      cov.statementMap[s] = r
      cov.s[s++] = hits
    }
    statement(range(L + 1, 2, L + 3, 3), calls)
    statement(range(L + 2, 4, L + 2, 16), took)
    statement(range(L + 4, 2, L + 4, 18), calls - took)
    statement(range(L + 5, 2, L + 5, 14), calls - took)
    cov.branchMap[b] = {
      loc: range(L + 1, 2, L + 3, 3),
      type: 'if',
      locations: [range(L + 1, 2, L + 3, 3), { start: {}, end: {} }],
      line: L + 1,
    }
    cov.b[b++] = [took, calls - took]
    const both = calls - took > 0 && next() < 0.7 ? calls - took : 0
    cov.branchMap[b] = {
      loc: range(L + 4, 12, L + 4, 18),
      type: 'binary-expr',
      locations: [range(L + 4, 12, L + 4, 13), range(L + 4, 17, L + 4, 18)],
      line: L + 4,
    }
    cov.b[b++] = [calls - took, both]
  }
  return { source: lines.join('\n'), coverage: cov }
}

/** Generates the project under `dir` and returns the path of its coverage-final.json. */
export function generateProject(dir, { files = 5000, functionsPerFile = 6, seed = 42 } = {}) {
  const next = random(seed)
  const map = {}
  for (let index = 0; index < files; index++) {
    const folder = join(dir, 'src', `m${Math.floor(index / 100)}`)
    mkdirSync(folder, { recursive: true })
    const path = join(folder, `file${index}.ts`)
    const { source, coverage } = fileFor(index, functionsPerFile, next)
    writeFileSync(path, source)
    map[path] = { path, ...coverage }
  }
  mkdirSync(join(dir, 'coverage'), { recursive: true })
  const coverageFile = join(dir, 'coverage', 'coverage-final.json')
  writeFileSync(coverageFile, JSON.stringify(map))
  return coverageFile
}
