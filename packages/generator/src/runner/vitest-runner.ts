import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { resolveRunnerBin } from '@aqe/core'
import type { CandidateRun, ProjectRunner, RunRequest } from './project-runner.js'
import { readRunResults } from './runner-results.js'
import { spawnRunner } from './spawn-runner.js'

/** Drives the project's Vitest: its config, plugins and coverage provider, with retries off. */
export class VitestRunner implements ProjectRunner {
  readonly framework = 'vitest' as const
  private readonly bin: string

  constructor(readonly root: string) {
    this.bin = resolveRunnerBin(root, 'vitest')
  }

  async listTestFiles(): Promise<string[]> {
    const outcome = await spawnRunner(this.bin, ['list', '--filesOnly', '--json'], this.root, 120_000)
    const start = outcome.output.indexOf('[')
    if (outcome.exitCode !== 0 || start < 0) return []
    const listed = JSON.parse(outcome.output.slice(start, outcome.output.lastIndexOf(']') + 1)) as Array<{ file: string }>
    return [...new Set(listed.map((entry) => entry.file))]
  }

  async run(request: RunRequest): Promise<CandidateRun> {
    const work = mkdtempSync(join(tmpdir(), 'aqe-vitest-run-'))
    try {
      const args = [
        'run',
        ...request.files.map((file) => relative(this.root, file)),
        '--retry=0',
        '--sequence.shuffle',
        `--sequence.seed=${request.seed}`,
        '--coverage.enabled=true',
        `--coverage.include=${relative(this.root, request.coverageOf)}`,
        '--coverage.reporter=json',
        `--coverage.reportsDirectory=${join(work, 'coverage')}`,
        '--coverage.reportOnFailure=true',
        '--coverage.thresholds.lines=0',
        '--coverage.thresholds.statements=0',
        '--coverage.thresholds.branches=0',
        '--coverage.thresholds.functions=0',
        '--reporter=json',
        `--outputFile=${join(work, 'results.json')}`,
        '--passWithNoTests=false',
      ]
      const outcome = await spawnRunner(this.bin, args, this.root, request.timeoutMs)
      return readRunResults(join(work, 'results.json'), join(work, 'coverage', 'coverage-final.json'), this.root, outcome)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }
}
