// Real test cases for the pattern-store benchmarks: the test files that packages in node_modules
// ship (zod, piscina, @sinonjs/commons, resolve, minimist, fast-uri…) and aqe's own tests,
// parsed into patterns by @aqe/patterns itself.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expandGlobs, testFilePatterns } from '../../packages/patterns/dist/index.js'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const store = join(repoRoot, 'node_modules/.pnpm')

/** Directories of packages that ship their own tests, found in the pnpm store. */
export function shippedTestRoots() {
  const wanted = [
    ['zod@', 'zod/src'],
    ['piscina@', 'piscina/test'],
    ['@sinonjs+commons@', '@sinonjs/commons/lib'],
    ['resolve@', 'resolve/test'],
    ['minimist@', 'minimist/test'],
    ['fast-uri@', 'fast-uri/test'],
    ['retry@', 'retry/test'],
  ]
  const roots = []
  for (const entry of readdirSync(store)) {
    for (const [prefix, sub] of wanted) {
      const dir = join(store, entry, 'node_modules', sub)
      if (entry.startsWith(prefix) && existsSync(dir) && !roots.some((r) => r.endsWith(sub))) roots.push(dir)
    }
  }
  return roots
}

/** The real test files: shipped packages' tests, then aqe's own. */
export function testFiles() {
  const files = [
    ...shippedTestRoots().flatMap((dir) => expandGlobs([`${dir}/**/*.{test,spec}.{js,ts,cjs,mjs}`, `${dir}/*.js`], repoRoot)),
    ...expandGlobs(['packages/*/test/**/*.test.ts', 'fixtures/*/test/**/*.test.ts'], repoRoot),
  ]
  return [...new Set(files)]
}

/** Every real test case, once. */
export function realTestPatterns() {
  const patterns = testFilePatterns(testFiles(), { root: repoRoot })
  const seen = new Set()
  return patterns.filter((p) => {
    const key = `${p.file} > ${p.name}`
    if (seen.has(key) || p.code.length < 20) return false
    seen.add(key)
    return true
  })
}
