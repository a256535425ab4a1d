import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, relative, resolve } from 'node:path'
import { analyseGaps, readCoverageFiles, toCoverageMap } from '@aqe/coverage'
import type { FileCoverageData } from 'istanbul-lib-coverage'
import { type FillGapsOptions, resolveFillGapsOptions } from './fill-gaps-options.js'
import type { FileCoveragePct, FillGapsSummary, TargetOutcome } from './fill-gaps-summary.js'
import { fillTarget } from './fill-target.js'
import type { CandidateGenerator } from './generators/candidate.js'
import { ExplorerGenerator } from './generators/explorer-generator.js'
import { ModelGenerator } from './generators/model-generator.js'
import { newFileDiff } from './new-file-diff.js'
import { ProgressBar } from './progress-bar.js'
import { detectFramework, openRunner } from './runner/detect-runner.js'
import { planTargets } from './targets/plan-targets.js'
import { findTestHome, newTestFile } from './targets/test-home.js'
import { coveredKeys, fileEntry } from './validate/coverage-keys.js'

// require, not import: istanbul-lib-coverage is CommonJS without named ESM exports.
const libCoverage = createRequire(import.meta.url)('istanbul-lib-coverage') as typeof import('istanbul-lib-coverage')

/**
 * Fills coverage gaps: ranks the gaps, generates candidate tests for the top files, validates each
 * in the project's own runner, and writes the accepted ones beside the existing tests (or prints
 * them as a diff). Source files are never modified.
 */
export async function fillGaps(options: FillGapsOptions = {}): Promise<FillGapsSummary> {
  const opts = resolveFillGapsOptions(options)
  const deadline = Date.now() + opts.budgetSeconds * 1000
  const framework = detectFramework(opts.root, opts.framework)
  const runner = openRunner(opts.root, framework)
  // Read once: the gap report and the per-file baselines come from the same map.
  const baselineMap = opts.coverageMap
    ? toCoverageMap(opts.coverageMap, 'The coverage map')
    : readCoverageFiles(opts.coverageFiles.map((file) => resolve(opts.root, file)))
  const report = analyseGaps({ root: opts.root, coverageMap: baselineMap, churn: false })
  const targets = planTargets(report, opts.top, opts.only)
  const progress = new ProgressBar(opts.progressStream)
  const counts = { filesDone: 0, files: targets.length, tried: 0, accepted: 0 }
  progress.update(counts, 'listing the project’s tests')
  const testFiles = await runner.listTestFiles()
  const generators: CandidateGenerator[] = []
  if (opts.generators.includes('explorer')) generators.push(new ExplorerGenerator())
  if (opts.generators.includes('model') && opts.complete) generators.push(new ModelGenerator(opts.complete))

  const summary: FillGapsSummary = {
    framework,
    dryRun: !opts.write,
    funnel: { generated: 0 },
    repaired: 0,
    targets: [],
    gapsBefore: 0,
    gapsAfter: 0,
    budgetExhausted: false,
  }
  const written: string[] = []
  const suiteFiles = new Set<string>()
  for (const target of targets) {
    if (Date.now() >= deadline) {
      summary.budgetExhausted = true
      break
    }
    progress.update(counts, `exploring ${target.file}`)
    const home = findTestHome(target.sourceFile, testFiles, framework)
    const testFile = newTestFile(home, target.sourceFile)
    const baselineData = fileEntry(baselineMap.data as Record<string, FileCoverageData>, target.sourceFile)
    const similar = opts.similar ? await opts.similar.search(readFileSync(target.sourceFile, 'utf8').slice(0, 4000), 3) : []
    const context = {
      root: opts.root,
      target,
      home,
      testFile,
      framework,
      similarTests: similar.map((s) => s.code),
      budgetMs: Math.max(1000, Math.min(opts.exploreMs, deadline - Date.now())),
      seed: opts.seed,
    }
    const filled = await fillTarget(context, {
      runner,
      generators,
      baseline: coveredKeys(baselineData),
      runs: opts.runs,
      timeoutMs: opts.timeoutMs,
      similar: opts.similar,
      usedPatterns: similar.map((s) => s.id),
      onJudged: (candidate, validation) => {
        counts.tried++
        if (validation.verdict === 'accepted') counts.accepted++
        progress.update(counts, `${candidate.generator} candidate for ${target.file}: ${validation.verdict}`)
      },
    })
    summary.funnel.generated += filled.tried
    for (const [verdict, n] of Object.entries(filled.verdicts))
      summary.funnel[verdict as keyof typeof filled.verdicts] = (summary.funnel[verdict as keyof typeof filled.verdicts] ?? 0) + n
    summary.repaired += filled.repaired

    const afterData = baselineData ? libCoverage.createFileCoverage(JSON.parse(JSON.stringify(baselineData))) : undefined
    for (const test of filled.accepted) if (afterData && test.coverage) afterData.merge(test.coverage as FileCoverageData)
    const outcome: TargetOutcome = {
      file: target.file,
      testFile: relative(opts.root, testFile),
      tried: filled.tried,
      accepted: filled.accepted.length,
      before: pct(baselineData),
      after: pct(afterData?.data),
      gapsBefore: target.gaps.length,
      gapsAfter: afterData ? countGaps(opts.root, afterData.data) : target.gaps.length,
      written: [],
      problems: filled.problems,
      rejected: filled.rejected,
    }
    const taken = new Set<string>()
    for (const test of filled.accepted) {
      // The first accepted test takes the path its imports were written for; later ones sit beside it.
      const path = taken.size === 0 ? testFile : newTestFile(home, target.sourceFile, taken)
      taken.add(path)
      if (!opts.write) {
        opts.diffStream.write(newFileDiff(relative(opts.root, path), test.candidate.code))
        continue
      }
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, test.candidate.code, { flag: 'wx' })
      written.push(path)
      outcome.written.push(relative(opts.root, path))
      for (const existing of home.existingTests) suiteFiles.add(existing)
    }
    summary.targets.push(outcome)
    summary.gapsBefore += outcome.gapsBefore
    summary.gapsAfter += outcome.gapsAfter
    counts.filesDone++
    progress.update(counts, `${target.file} done`)
  }
  if (written.length > 0) summary.suite = await confirmSuite(runner, [...suiteFiles, ...written], written, summary, opts.timeoutMs)
  progress.done()
  for (const generator of generators) await generator.close?.()
  return summary
}

// The written tests run once more with the existing tests of the same files; if that fails, the new files go.
async function confirmSuite(
  runner: ReturnType<typeof openRunner>,
  files: string[],
  written: string[],
  summary: FillGapsSummary,
  timeoutMs: number,
): Promise<FillGapsSummary['suite']> {
  const run = await runner.run({ files, coverageOf: written[0] as string, seed: 1, timeoutMs })
  const failed = run.cases.find((c) => c.status === 'failed')
  const problem = run.timedOut ? 'timed out' : (run.fileErrors[0]?.message ?? (failed ? `${failed.fullName} failed` : undefined))
  if (!problem) return { passed: true }
  for (const file of written) rmSync(file, { force: true })
  for (const target of summary.targets) target.written = []
  return { passed: false, message: problem.split('\n')[0] }
}

function pct(data: FileCoverageData | undefined): FileCoveragePct {
  if (!data) return { statements: 0, branches: 0 }
  const s = libCoverage.createFileCoverage(data).toSummary()
  return { statements: s.statements.pct, branches: s.branches.total === 0 ? 100 : s.branches.pct }
}

function countGaps(root: string, data: FileCoverageData): number {
  return analyseGaps({ root, coverageMap: { [data.path]: data }, churn: false }).gaps.length
}
