/** The test runner a pattern was written for. */
export type Framework = 'jest' | 'vitest'

/** The source language of a pattern. */
export type PatternLanguage = 'ts' | 'js'

/** What kind of test a pattern is, by its dominant technique. */
export type PatternCategory = 'error-handling' | 'snapshot' | 'mocking' | 'async' | 'assertion'

/** Where a pattern came from: a project's own test file, or a generated test a user accepted. */
export type PatternOrigin = 'indexed' | 'generated'

/** A known good test, as handed to the store. */
export interface NewPattern {
  /** Full test name, describe blocks joined with ` > `. */
  name: string
  /** Test file, relative to the project root. */
  file: string
  /** Source of the test case. */
  code: string
  /** Source of the code under test it exercises (the imported functions it calls); may be empty. */
  subject: string
  framework: Framework
  language: PatternLanguage
  category: PatternCategory
  origin: PatternOrigin
}

/** A stored pattern with its id and feedback counts. */
export interface StoredPattern extends NewPattern {
  id: number
  /** Times the pattern was handed out as an example. */
  usageCount: number
  /** Generated tests modelled on it that users accepted. */
  acceptedCount: number
  /** Generated tests modelled on it that users rejected. */
  rejectedCount: number
}

/** Metadata filters of a search; an absent field matches everything. */
export interface PatternFilter {
  framework?: Framework
  category?: PatternCategory
  language?: PatternLanguage
}

/** The stable key of a pattern: its file and full name, as aqe's test ids are. */
export function patternKey(p: Pick<NewPattern, 'file' | 'name'>): string {
  return `${p.file} > ${p.name}`
}
