import type { SimilarTests } from './fill-gaps-options.js'
import type { Candidate, CandidateGenerator, GenerationContext } from './generators/candidate.js'
import { type AcceptedTest, keepComplementary, scoreAccepted } from './rank-accepted.js'
import type { ProjectRunner } from './runner/project-runner.js'
import type { CoveredKeys } from './validate/coverage-keys.js'
import { type Validation, type Verdict, validateCandidate } from './validate/validate-candidate.js'

/** What filling one file needs beyond its generation context. */
export interface FillTargetOptions {
  runner: ProjectRunner
  generators: readonly CandidateGenerator[]
  baseline: CoveredKeys
  runs: number
  timeoutMs: number
  similar?: SimilarTests
  /** Pattern ids whose code went into the prompts, for feedback. */
  usedPatterns: number[]
  /** Called after each candidate is judged. */
  onJudged: (candidate: Candidate, validation: Validation) => void
}

/** What filling one file produced. */
export interface FilledTarget {
  accepted: AcceptedTest[]
  tried: number
  verdicts: Partial<Record<Verdict, number>>
  repaired: number
  problems: string[]
  /** Why each rejected candidate was rejected, one line each. */
  rejected: string[]
}

/**
 * Fills one file: every generator's candidates through the funnel, one repair round for those that
 * failed or were flaky, then the accepted ones ranked and thinned to those that add coverage.
 */
export async function fillTarget(context: GenerationContext, options: FillTargetOptions): Promise<FilledTarget> {
  const out: FilledTarget = { accepted: [], tried: 0, verdicts: {}, repaired: 0, problems: [], rejected: [] }
  const judge = async (candidate: Candidate): Promise<Validation> => {
    const validation = await validateCandidate(candidate, {
      runner: options.runner,
      testFile: context.testFile,
      suffix: context.home.suffix,
      baseline: options.baseline,
      runs: options.runs,
      timeoutMs: options.timeoutMs,
      seed: context.seed + out.tried,
    })
    out.tried++
    out.verdicts[validation.verdict] = (out.verdicts[validation.verdict] ?? 0) + 1
    if (validation.verdict !== 'accepted') out.rejected.push(`${candidate.generator} candidate ${validation.verdict}: ${validation.reason}`)
    options.onJudged(candidate, validation)
    return validation
  }
  const accept = async (candidate: Candidate, validation: Validation) => {
    const similarity = options.similar ? ((await options.similar.search(candidate.code, 1))[0]?.score ?? 0) : 0
    const lines = candidate.code.split('\n').length
    out.accepted.push({
      candidate,
      gain: validation.gain,
      similarity,
      lines,
      score: scoreAccepted(validation.gain, similarity, lines),
      coverage: validation.coverage,
    })
  }
  for (const generator of options.generators) {
    let candidates: Candidate[]
    try {
      candidates = await generator.generate(context)
    } catch (error) {
      out.problems.push(`${generator.name}: ${(error as Error).message.split('\n')[0]}`)
      continue
    }
    for (const candidate of candidates) {
      const validation = await judge(candidate)
      if (validation.verdict === 'accepted') {
        await accept(candidate, validation)
        continue
      }
      if (validation.verdict !== 'failed' && validation.verdict !== 'flaky' && validation.verdict !== 'unparsable') continue
      const repaired = await generator
        .repair(context, { candidate, failingTitles: validation.failingTitles, message: validation.reason })
        .catch((error: Error) => {
          out.problems.push(`${generator.name} repair: ${error.message.split('\n')[0]}`)
          return undefined
        })
      if (!repaired) continue
      out.repaired++
      const second = await judge(repaired)
      if (second.verdict === 'accepted') await accept(repaired, second)
    }
  }
  out.accepted = keepComplementary(out.accepted)
  for (const id of options.usedPatterns) options.similar?.feedback(id, out.accepted.length > 0)
  return out
}
