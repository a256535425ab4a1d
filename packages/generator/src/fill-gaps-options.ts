import { resolve } from 'node:path'
import { InputError } from '@aqe/core'
import type { TestFramework } from './explore/explore-types.js'
import type { CompleteFn } from './generators/model-generator.js'

/** A store of known good tests that candidates are compared with (the CLI opens @aqe/patterns'). */
export interface SimilarTests {
  /** The most similar known tests, best first, with a fused score. */
  search(text: string, top: number): Promise<Array<{ id: number; code: string; score: number }>>
  /** Records that a test built with this pattern in its context was accepted or rejected. */
  feedback(id: number, accepted: boolean): void
}

/** Options of a fill-gaps run. */
export interface FillGapsOptions {
  /** The project root. @default process.cwd() */
  root?: string
  /** The project's runner. @default detected from its config files */
  framework?: TestFramework
  /** A coverage map in process (the reporters hand theirs over); wins over `coverageFiles`. */
  coverageMap?: object
  /** Istanbul JSON coverage files, merged. @default ['coverage/coverage-final.json'] */
  coverageFiles?: string[]
  /** Write accepted tests beside the existing ones; otherwise print them as a diff. @default false */
  write?: boolean
  /** Source files to fill, best-ranked first. `AQE_FILL_GAPS_TOP` sets it for runner modes. @default 5 */
  top?: number
  /** Only files whose path contains this text. `AQE_FILL_GAPS_ONLY` sets it for runner modes. */
  only?: string
  /** Passing runs, in random order, a candidate needs. @default 5 */
  runs?: number
  /** Time limit of one candidate's runner process, in ms. @default 120000 */
  timeoutMs?: number
  /** Exploration budget per source file, in ms. @default 20000 */
  exploreMs?: number
  /** Wall-time budget of the whole run, in seconds; files not started by then are left. @default 900 */
  budgetSeconds?: number
  /** Seed of exploration and random test order. @default 1 */
  seed?: number
  /** The generators to use. @default ['explorer'] plus 'model' when `complete` is given */
  generators?: Array<'explorer' | 'model'>
  /** Sends a prompt to the model layer; none means no model generator. */
  complete?: CompleteFn
  /** Known good tests for prompts and ranking. */
  similar?: SimilarTests
  /** Where the dry-run diff goes. @default process.stdout */
  diffStream?: NodeJS.WritableStream
  /** Where progress goes. @default process.stderr */
  progressStream?: NodeJS.WritableStream
}

/** Options with every default applied. */
export type ResolvedFillGapsOptions = Required<
  Omit<FillGapsOptions, 'framework' | 'coverageMap' | 'only' | 'complete' | 'similar' | 'generators'>
> &
  Pick<FillGapsOptions, 'framework' | 'coverageMap' | 'only' | 'complete' | 'similar'> & { generators: Array<'explorer' | 'model'> }

/** The defaults of FillGapsOptions. */
export const defaultFillGapsOptions = {
  coverageFiles: ['coverage/coverage-final.json'],
  write: false,
  top: 5,
  runs: 5,
  timeoutMs: 120_000,
  exploreMs: 20_000,
  budgetSeconds: 900,
  seed: 1,
}

/** Applies the defaults and validates each option, naming the bad one. */
export function resolveFillGapsOptions(options: FillGapsOptions): ResolvedFillGapsOptions {
  const root = resolve(options.root ?? process.cwd())
  // Runner modes (`vitest run -- --aqe-fill-gaps`) take no aqe options, so these two come from the environment.
  const fromEnv = {
    top: process.env.AQE_FILL_GAPS_TOP ? Number(process.env.AQE_FILL_GAPS_TOP) : undefined,
    only: process.env.AQE_FILL_GAPS_ONLY || undefined,
  }
  const merged = { ...defaultFillGapsOptions, ...defined(fromEnv), ...defined(options) }
  for (const key of ['top', 'runs', 'timeoutMs', 'exploreMs', 'budgetSeconds'] as const) {
    const value = merged[key]
    if (!Number.isInteger(value) || value <= 0) throw new InputError(`fill-gaps option ${key} must be a positive integer, got ${value}.`)
  }
  if (!Number.isInteger(merged.seed)) throw new InputError(`fill-gaps option seed must be an integer, got ${merged.seed}.`)
  const generators = options.generators ?? (options.complete ? ['explorer', 'model'] : ['explorer'])
  for (const name of generators) {
    if (name !== 'explorer' && name !== 'model') throw new InputError(`Unknown generator "${name}". Use explorer or model.`)
  }
  if (generators.includes('model') && !options.complete) {
    throw new InputError(
      'The model generator needs a model: set llm.model (a GGUF file), llm.openaiBaseUrl, or ANTHROPIC_API_KEY, or use --generator explorer.',
    )
  }
  if (generators.length === 0) throw new InputError('fill-gaps needs at least one generator (explorer or model).')
  return {
    ...merged,
    root,
    generators,
    diffStream: options.diffStream ?? process.stdout,
    progressStream: options.progressStream ?? process.stderr,
  } as ResolvedFillGapsOptions
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
