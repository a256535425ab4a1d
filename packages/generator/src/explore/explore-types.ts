/** The test framework a generated file is written for. */
export type TestFramework = 'vitest' | 'jest'

/** A 1-based, inclusive line range of the module under test that no test reaches yet. */
export interface LineSpan {
  startLine: number
  endLine: number
}

/** What the explorer needs to explore one module. */
export interface ExploreRequest {
  /** The project root; the exploring child process runs here. */
  root: string
  /** Absolute path of the module under test (JS or TS, ESM or CommonJS). */
  sourceFile: string
  /** Absolute path of the test file the tests will be written to; import specifiers are relative to it. */
  testFile: string
  framework: TestFramework
  /**
   * The line that brings in the test API, copied from the project's own tests
   * (e.g. `import { describe, expect, it } from 'vitest'`); empty for Jest globals.
   */
  frameworkImport: string
  /** Uncovered spans of the module; calls that reach them are preferred. @default [] (any new coverage counts) */
  uncovered?: LineSpan[]
  /** Wall-time budget for the whole exploration, in ms. @default 20000 */
  budgetMs?: number
  /** Time limit for one call, in ms. @default 1000 */
  callTimeoutMs?: number
  /** Seed that makes exploration reproducible. @default 1 */
  seed?: number
  signal?: AbortSignal
}

/** One characterisation test: a call the explorer made and the result it observed. */
export interface ExploredTest {
  /** The test's title, unique within the result. */
  name: string
  /** One complete `it(...)` block, indented for a `describe` body. */
  code: string
  /** The access path of the function called, e.g. `['default', 'addRule']` or `['Complex', 'prototype', 'add']`. */
  exportPath: string[]
  /** Source lines of the module this call reached that no earlier kept call reached. */
  newLines: number[]
}

/** What one exploration found. */
export interface ExploreResult {
  /** Import lines for the test file (framework import first, then the module under test). */
  header: string
  tests: ExploredTest[]
  /** Calls tried, kept or not. */
  calls: number
  /** Why the module could not be explored, when it could not (load error, timeout); empty otherwise. */
  problems: string[]
}
