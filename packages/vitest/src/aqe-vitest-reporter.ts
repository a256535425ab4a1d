import { type AttemptRecord, openRunRecorder, type RecorderOptions, type RunRecorder, relativeTestFile, warnOnStderr } from '@aqe/core'
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node'
import { type VitestTestCaseLike, vitestAttempts } from './vitest-attempts.js'

/** Options of the Vitest reporter and plugin. */
export type AqeVitestReporterOptions = RecorderOptions

/**
 * Vitest reporter that records every attempt of every test into the aqe history store, one
 * transaction per test file. Store problems become one warning on stderr; the run's outcome and
 * output are untouched.
 */
export class AqeVitestReporter implements Reporter {
  private readonly options: AqeVitestReporterOptions
  private vitest: Vitest | undefined
  private recorder: RunRecorder | undefined

  constructor(options: AqeVitestReporterOptions = {}) {
    this.options = options
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  async onTestRunStart(): Promise<void> {
    const vitest = this.vitest
    if (!vitest) return
    const shard = vitest.config.shard
    this.recorder = await openRunRecorder(
      {
        runner: 'vitest',
        runnerVersion: vitest.version,
        root: vitest.config.root,
        shard: shard ? { index: shard.index, count: shard.count } : undefined,
      },
      this.options,
    )
  }

  onTestModuleEnd(module: TestModule): void {
    const recorder = this.recorder
    const vitest = this.vitest
    if (!recorder || !vitest) return
    guard(() => {
      const file = relativeTestFile(vitest.config.root, module.moduleId)
      const project = module.project.name
      const attempts: AttemptRecord[] = []
      for (const testCase of module.children.allTests()) {
        attempts.push(...vitestAttempts(testCase as unknown as VitestTestCaseLike, file, project))
      }
      const [moduleError] = module.errors()
      if (moduleError) {
        // The file itself failed (syntax error, throw at import): recorded under an empty name.
        attempts.push({
          file,
          fullName: '',
          attempt: 0,
          status: 'failed',
          errorName: moduleError.name,
          errorMessage: moduleError.message,
          project: project || undefined,
        })
      }
      recorder.record(attempts)
    })
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, _errors: ReadonlyArray<unknown>, reason: TestRunEndReason): void {
    const recorder = this.recorder
    this.recorder = undefined
    if (!recorder) return
    guard(() => recorder.finish({ outcome: reason, endedAt: new Date() }))
  }
}

function guard(fn: () => void): void {
  try {
    fn()
  } catch (error) {
    warnOnStderr(`the aqe reporter hit an unexpected error and skipped part of this run: ${(error as Error).stack ?? error}`)
  }
}
