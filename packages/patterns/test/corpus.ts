import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expandGlobs, type NewPattern, testFilePatterns } from '../src/index.js'

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

/** The calc fixture project, with real Jest and Vitest tests. */
export const calcRoot = join(repoRoot, 'fixtures/calc')

/** The fixture's 30 real test cases (15 Jest, 15 Vitest). */
export function fixturePatterns(): NewPattern[] {
  return testFilePatterns(expandGlobs(['test/**/*.test.ts'], calcRoot), { root: calcRoot })
}

/** Real test cases of this repository's own packages: a few hundred, for recall checks on real code. */
export function repositoryPatterns(): NewPattern[] {
  return testFilePatterns(expandGlobs(['packages/*/test/**/*.test.ts'], repoRoot), { root: repoRoot })
}
