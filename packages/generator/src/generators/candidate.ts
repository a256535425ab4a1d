import type { TargetFile } from '../targets/plan-targets.js'
import type { TestHome } from '../targets/test-home.js'

/** Which generator wrote a candidate. */
export type GeneratorName = 'explorer' | 'model'

/** A candidate test file for one source file, before validation. */
export interface Candidate {
  /** Unique within a fill-gaps run; part of the temporary file names. */
  id: string
  generator: GeneratorName
  target: TargetFile
  /** The complete test file. */
  code: string
  /** Which provider and model answered, for model candidates. */
  model?: string
  /** The repair round this candidate came from (0: first try). */
  round: number
}

/** Everything a generator is told about a target file. */
export interface GenerationContext {
  root: string
  target: TargetFile
  home: TestHome
  /** Where an accepted test will be written (its imports are relative to this file). */
  testFile: string
  framework: 'vitest' | 'jest'
  /** The best similar tests from the pattern store, as code, best first. */
  similarTests: string[]
  budgetMs: number
  seed: number
}

/** Why a candidate failed, handed to a repair round. */
export interface Failure {
  candidate: Candidate
  /** The failing test titles, when some tests passed and others failed. */
  failingTitles: string[]
  message: string
}

/** A source of candidate tests. */
export interface CandidateGenerator {
  readonly name: GeneratorName
  generate(context: GenerationContext): Promise<Candidate[]>
  /** One repair round: a new candidate from a failed one and its error, or none. */
  repair(context: GenerationContext, failure: Failure): Promise<Candidate | undefined>
  close?(): Promise<void>
}
