import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path'
import type { TestFramework } from '../explore/explore-types.js'
import { sameModule } from './same-module.js'

/** Where the tests of one source file live, and how they bring in the test API. */
export interface TestHome {
  /** The project's existing test files that import the source file. */
  existingTests: string[]
  /** The directory new test files go to: beside the existing tests. */
  dir: string
  /** The suffix the runner's include pattern expects, taken from a sibling test (`.test.ts`). */
  suffix: string
  /** The import line of the test API that the sibling tests use; empty for Jest globals. */
  frameworkImport: string
}

const IMPORT_SPECIFIER = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm

/**
 * Finds a source file's tests among the runner's test files, and the place and style for new ones:
 * the directory and suffix of its existing tests, else of the test file nearest to it, so the
 * runner's include pattern picks new files up without any config change.
 */
export function findTestHome(sourceFile: string, testFiles: readonly string[], framework: TestFramework): TestHome {
  const existingTests = testFiles.filter((test) => importsOf(test).some((spec) => sameModule(resolve(dirname(test), spec), sourceFile)))
  const template = existingTests[0] ?? nearest(sourceFile, testFiles)
  if (!template) {
    const ext = extname(sourceFile)
    return { existingTests, dir: dirname(sourceFile), suffix: `.test${ext}`, frameworkImport: defaultImport(framework) }
  }
  const name = basename(template)
  const dot = name.indexOf('.')
  return {
    existingTests,
    dir: dirname(template),
    suffix: dot >= 0 ? name.slice(dot) : '.test.js',
    frameworkImport: frameworkImportOf(readFileSync(template, 'utf8'), framework),
  }
}

/** The path of a new test file for the source file in its home, neither on disk nor in `taken`. */
export function newTestFile(home: TestHome, sourceFile: string, taken: ReadonlySet<string> = new Set()): string {
  const base = basename(sourceFile, extname(sourceFile))
  for (let n = 1; ; n++) {
    const path = join(home.dir, `${base}.aqe${n === 1 ? '' : `-${n}`}${home.suffix}`)
    if (!existsSync(path) && !taken.has(path)) return path
  }
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(IMPORT_SPECIFIER)].map((m) => m[1] as string).filter((spec) => spec.startsWith('.'))
}

// The test file fewest directories up from the source is the likeliest home for its tests (the first on a tie).
function nearest(sourceFile: string, testFiles: readonly string[]): string | undefined {
  const ups = (test: string) =>
    relative(dirname(test), sourceFile)
      .split(sep)
      .filter((part) => part === '..').length
  let best: string | undefined
  for (const test of testFiles) if (best === undefined || ups(test) < ups(best)) best = test
  return best
}

// The sibling's own import line, widened to the names generated tests use (describe, expect, it).
function frameworkImportOf(text: string, framework: TestFramework): string {
  const match = /^\s*import\s*\{([^}]*)\}\s*from\s+(['"](?:vitest|@jest\/globals)['"])/m.exec(text)
  if (!match) return defaultImport(framework)
  const names = new Set([
    ...(match[1] as string)
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
    'describe',
    'expect',
    'it',
  ])
  return `import { ${[...names].sort().join(', ')} } from ${match[2]}`
}

function defaultImport(framework: TestFramework): string {
  return framework === 'vitest' ? "import { describe, expect, it } from 'vitest'" : ''
}
