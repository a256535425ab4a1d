import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { resolveRunnerBin } from '@aqe/core'
import type { CandidateRun, ProjectRunner, RunRequest } from './project-runner.js'
import { readRunResults } from './runner-results.js'
import { spawnRunner } from './spawn-runner.js'

/**
 * Drives the project's Jest: its config, transforms and coverage provider. Jest has no flag to turn
 * retries off, so a case the project's `jest.retryTimes` retried counts as failed (see runner-results).
 */
export class JestRunner implements ProjectRunner {
  readonly framework = 'jest' as const
  private readonly bin: string

  constructor(readonly root: string) {
    this.bin = resolveRunnerBin(root, 'jest')
  }

  async listTestFiles(): Promise<string[]> {
    const outcome = await spawnRunner(this.bin, ['--listTests', '--json'], this.root, 120_000)
    const start = outcome.output.indexOf('[')
    if (outcome.exitCode !== 0 || start < 0) return []
    return JSON.parse(outcome.output.slice(start, outcome.output.lastIndexOf(']') + 1)) as string[]
  }

  async run(request: RunRequest): Promise<CandidateRun> {
    const work = mkdtempSync(join(tmpdir(), 'aqe-jest-run-'))
    try {
      const args = [
        '--ci',
        '--runTestsByPath',
        ...request.files,
        '--randomize',
        `--seed=${request.seed}`,
        '--coverage',
        `--collectCoverageFrom=${relative(this.root, request.coverageOf)}`,
        '--coverageReporters=json',
        `--coverageDirectory=${join(work, 'coverage')}`,
        '--coverageThreshold={}',
        '--json',
        `--outputFile=${join(work, 'results.json')}`,
        '--reporters=default',
      ]
      const outcome = await spawnRunner(this.bin, args, this.root, request.timeoutMs)
      return readRunResults(join(work, 'results.json'), join(work, 'coverage', 'coverage-final.json'), this.root, outcome)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }
}
