import { rmSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Candidate } from '../generators/candidate.js'
import type { CandidateRun, ProjectRunner } from '../runner/project-runner.js'
import { sameModule } from '../targets/same-module.js'
import { assertsOnSubject } from './assertion-check.js'
import { type CoveredKeys, coveredKeys, fileEntry, newlyCovered } from './coverage-keys.js'
import { parseCandidate } from './parse-candidate.js'

/** The funnel stage a candidate stopped at, or `accepted`. */
export type Verdict = 'unparsable' | 'trivial' | 'failed' | 'flaky' | 'timeout' | 'no-gain' | 'accepted'

/** The outcome of validating one candidate. */
export interface Validation {
  verdict: Verdict
  /** One line saying why, for the summary and repair prompts. */
  reason: string
  /** Titles that failed in some copy, when others passed. */
  failingTitles: string[]
  /** Everything the candidate covers in the target file. */
  covered: CoveredKeys
  /** What it covers that the baseline did not. */
  gain: CoveredKeys
  /** The target file's coverage from the candidate's run (for the after-report). */
  coverage?: object
}

/** How to validate. */
export interface ValidateOptions {
  runner: ProjectRunner
  /** The file the candidate would be written to; copies go beside it. */
  testFile: string
  /** The test-file suffix of the project (`.test.ts`). */
  suffix: string
  baseline: CoveredKeys
  /** Runs that must all pass, in random order. @default 5 */
  runs: number
  timeoutMs: number
  seed: number
}

/**
 * Runs a candidate through the funnel: it must parse, assert on the code under test, pass in every
 * one of `runs` copies run together in random order (each copy is its own test file, so the runner
 * isolates them), and cover something in the target file that the baseline did not.
 */
export async function validateCandidate(candidate: Candidate, options: ValidateOptions): Promise<Validation> {
  const none = { statements: new Set<string>(), branches: new Set<string>() }
  const reject = (verdict: Verdict, reason: string, failingTitles: string[] = []): Validation => ({
    verdict,
    reason,
    failingTitles,
    covered: none,
    gain: none,
  })
  let ast: ReturnType<typeof parseCandidate>
  try {
    ast = parseCandidate(candidate.code, options.testFile)
  } catch (error) {
    return reject('unparsable', `does not parse: ${(error as Error).message}`)
  }
  const sourceFile = candidate.target.sourceFile
  const isSubject = (spec: string) => spec.startsWith('.') && sameModule(resolve(dirname(options.testFile), spec), sourceFile)
  if (!assertsOnSubject(ast, isSubject)) return reject('trivial', 'asserts nothing that depends on the code under test')

  const copies = Array.from({ length: options.runs }, (_, n) => copyPath(options.testFile, options.suffix, candidate.id, n + 1))
  let run: CandidateRun
  try {
    for (const copy of copies) writeFileSync(copy, candidate.code)
    run = await options.runner.run({ files: copies, coverageOf: sourceFile, seed: options.seed, timeoutMs: options.timeoutMs })
  } finally {
    for (const copy of copies) rmSync(copy, { force: true })
  }
  if (run.timedOut) return reject('timeout', `ran past the ${options.timeoutMs} ms limit`)
  if (run.fileErrors.length > 0) return reject('failed', firstLine(run.fileErrors[0]?.message ?? ''))
  if (run.cases.length === 0) return reject('failed', `no test ran (exit ${run.exitCode}): ${lastLines(run.output)}`)
  const failed = run.cases.filter((c) => c.status !== 'passed' || c.retried)
  if (failed.length > 0) {
    const titles = [...new Set(failed.map((c) => c.fullName))]
    const everyCopy = titles.every((title) => failed.filter((c) => c.fullName === title).length === options.runs)
    const message = failed.find((c) => c.failures.length > 0)?.failures[0] ?? `${failed[0]?.fullName} was ${failed[0]?.status}`
    return reject(everyCopy ? 'failed' : 'flaky', `${failed[0]?.fullName}: ${firstLine(message)}`, titles)
  }
  const entry = fileEntry(run.coverage as Record<string, { path?: string }> | undefined, sourceFile)
  const covered = coveredKeys(entry as Parameters<typeof coveredKeys>[0])
  const gain = newlyCovered(options.baseline, covered)
  if (gain.statements.size === 0 && gain.branches.size === 0) {
    return { ...reject('no-gain', 'passes but covers nothing new'), covered }
  }
  return {
    verdict: 'accepted',
    reason: `covers ${gain.statements.size} new statements and ${gain.branches.size} new branch arms`,
    failingTitles: [],
    covered,
    gain,
    coverage: entry,
  }
}

// Copies keep the suffix the runner's include pattern expects.
function copyPath(testFile: string, suffix: string, id: string, n: number): string {
  return `${testFile.slice(0, -suffix.length)}.candidate-${id}-${n}${suffix}`
}

function firstLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: runner messages carry ANSI colour codes
  return (
    text
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .find((l) => l.trim()) ?? ''
  )
    .trim()
    .slice(0, 300)
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 300)
}
