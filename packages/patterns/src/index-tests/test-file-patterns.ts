import { readFileSync } from 'node:fs'
import { relative, sep } from 'node:path'
import type { Framework, NewPattern } from '../pattern.js'
import { categorizeTest } from './categorize-test.js'
import { SubjectExtractor } from './extract-subject.js'
import { parseTestFile } from './parse-test-file.js'

/** How test files become patterns. */
export interface TestFilePatternsOptions {
  /** Project root; pattern files are relative to it. */
  root: string
  /** Overrides the runner detected from each file's imports (vitest when it imports vitest or uses `vi.`, else jest). */
  framework?: Framework
}

/** One pattern per test case of each file, with the code under test it imports from relative modules. */
export function testFilePatterns(files: readonly string[], options: TestFilePatternsOptions): NewPattern[] {
  const subjects = new SubjectExtractor()
  return files.flatMap((file) => {
    const parsed = parseTestFile(readFileSync(file, 'utf8'), file)
    const rel = relative(options.root, file).split(sep).join('/')
    return parsed.tests.map((test) => ({
      name: test.name,
      file: rel,
      code: test.code,
      subject: subjects.extract(file, test.uses),
      framework: options.framework ?? parsed.framework,
      language: /\.[mc]?tsx?$/.test(file) ? ('ts' as const) : ('js' as const),
      category: categorizeTest(test.code),
      origin: 'indexed' as const,
    }))
  })
}
