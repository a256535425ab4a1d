import type { Candidate, CandidateGenerator, Failure, GenerationContext } from './candidate.js'
import { extractTestCode } from './extract-code.js'
import { repairPrompt, testPrompt } from './model-prompt.js'

/** Asks a model for text; the fill-gaps run wires it to the model layer's router. */
export type CompleteFn = (prompt: string) => Promise<{ text: string; model: string }>

/**
 * Asks the model layer (local first, cloud fallback, privacy mode honoured by the router) for a
 * test file per target, and once more with the error when that file fails.
 */
export class ModelGenerator implements CandidateGenerator {
  readonly name = 'model' as const
  private count = 0

  constructor(private readonly complete: CompleteFn) {}

  async generate(context: GenerationContext): Promise<Candidate[]> {
    let answer: { text: string; model: string }
    try {
      answer = await this.complete(testPrompt(context))
    } catch (error) {
      // A small local model's context cannot hold the full prompt: ask again with the compact one.
      if (!/context/i.test((error as Error).message)) throw error
      answer = await this.complete(testPrompt(context, true))
    }
    return [this.candidate(context, answer, 0)]
  }

  async repair(context: GenerationContext, failure: Failure): Promise<Candidate | undefined> {
    const answer = await this.complete(repairPrompt(context, failure.candidate.code, failure.message))
    return this.candidate(context, answer, failure.candidate.round + 1)
  }

  private candidate(context: GenerationContext, answer: { text: string; model: string }, round: number): Candidate {
    return {
      id: `m${++this.count}`,
      generator: 'model',
      target: context.target,
      code: extractTestCode(answer.text, context.home.frameworkImport),
      model: answer.model,
      round,
    }
  }
}
