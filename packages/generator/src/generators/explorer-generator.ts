import { basename } from 'node:path'
import { exploreModule, renderTestFile } from '../explore/explore-module.js'
import type { ExploredTest, ExploreResult } from '../explore/explore-types.js'
import type { Candidate, CandidateGenerator, Failure, GenerationContext } from './candidate.js'

/**
 * The model-free generator: explores the module's exported API with inputs mined from its source
 * and turns what it observed into characterisation tests. Its repair drops the tests that failed.
 */
export class ExplorerGenerator implements CandidateGenerator {
  readonly name = 'explorer' as const
  private readonly explored = new Map<string, { result: ExploreResult; tests: ExploredTest[] }>()
  private count = 0

  async generate(context: GenerationContext): Promise<Candidate[]> {
    const result = await exploreModule({
      root: context.root,
      sourceFile: context.target.sourceFile,
      testFile: context.testFile,
      framework: context.framework,
      frameworkImport: context.home.frameworkImport,
      uncovered: context.target.uncovered,
      budgetMs: context.budgetMs,
      seed: context.seed,
    })
    if (result.tests.length === 0) return []
    return [this.candidate(context, result, result.tests, 0)]
  }

  async repair(context: GenerationContext, failure: Failure): Promise<Candidate | undefined> {
    const explored = this.explored.get(failure.candidate.id)
    if (!explored || failure.failingTitles.length === 0) return undefined
    const failing = (test: ExploredTest) => failure.failingTitles.some((title) => title.endsWith(test.name))
    const kept = explored.tests.filter((test) => !failing(test))
    if (kept.length === 0 || kept.length === explored.tests.length) return undefined
    return this.candidate(context, explored.result, kept, failure.candidate.round + 1)
  }

  private candidate(context: GenerationContext, result: ExploreResult, tests: ExploredTest[], round: number): Candidate {
    const id = `x${++this.count}`
    this.explored.set(id, { result, tests })
    const code = renderTestFile(result, `${basename(context.target.file)} (aqe explorer)`, tests)
    return { id, generator: 'explorer', target: context.target, code, round }
  }
}
