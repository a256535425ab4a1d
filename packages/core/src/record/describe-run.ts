import { randomUUID } from 'node:crypto'
import { detectCiEnvironment } from './ci-environment.js'
import { readGitRevision } from './git-revision.js'
import { readPackageName } from './package-name.js'
import type { RunInfo } from './types.js'

/** What a runner integration knows about its run. */
export interface RunDescription {
  runner: string
  runnerVersion?: string
  /** Project name. @default the `name` in the root's package.json */
  project?: string
  root: string
  shard?: { index: number; count: number }
}

/** Builds a run's identity: a fresh key, and commit and branch from CI variables, then git. */
export function describeRun(description: RunDescription, env: NodeJS.ProcessEnv = process.env): RunInfo {
  const ci = detectCiEnvironment(env)
  const git = ci.commit && ci.branch ? {} : readGitRevision(description.root)
  return {
    runKey: randomUUID(),
    runner: description.runner,
    runnerVersion: description.runnerVersion,
    project: description.project ?? readPackageName(description.root),
    startedAt: new Date(),
    commit: ci.commit ?? git.commit,
    branch: ci.branch ?? git.branch,
    ci: ci.ci,
    job: ci.job,
    shard: description.shard ? `${description.shard.index}/${description.shard.count}` : undefined,
  }
}
