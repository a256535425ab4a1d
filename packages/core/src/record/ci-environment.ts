/** What the CI environment says about the current build; every field may be absent. */
export interface CiEnvironment {
  ci?: string
  commit?: string
  branch?: string
  job?: string
}

type Detector = (env: NodeJS.ProcessEnv) => CiEnvironment | undefined

const stripRef = (ref: string | undefined) => ref?.replace(/^refs\/heads\//, '')

// Order matters: generic CI=true is checked last so that specific providers win.
const detectors: Detector[] = [
  (env) =>
    env.GITHUB_ACTIONS === 'true'
      ? {
          ci: 'github-actions',
          commit: env.GITHUB_SHA,
          // On pull requests GITHUB_REF is refs/pull/N/merge; the head branch is the useful one.
          branch: env.GITHUB_HEAD_REF || stripRef(env.GITHUB_REF_NAME ?? env.GITHUB_REF),
          job: [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT, env.GITHUB_JOB].filter(Boolean).join('/') || undefined,
        }
      : undefined,
  (env) =>
    env.GITLAB_CI === 'true'
      ? {
          ci: 'gitlab',
          commit: env.CI_COMMIT_SHA,
          branch: env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME || env.CI_COMMIT_REF_NAME,
          job: env.CI_JOB_ID,
        }
      : undefined,
  (env) =>
    env.CIRCLECI === 'true' ? { ci: 'circleci', commit: env.CIRCLE_SHA1, branch: env.CIRCLE_BRANCH, job: env.CIRCLE_BUILD_NUM } : undefined,
  (env) =>
    env.BUILDKITE === 'true'
      ? { ci: 'buildkite', commit: env.BUILDKITE_COMMIT, branch: env.BUILDKITE_BRANCH, job: env.BUILDKITE_JOB_ID }
      : undefined,
  (env) =>
    env.JENKINS_URL
      ? {
          ci: 'jenkins',
          commit: env.GIT_COMMIT,
          branch: env.CHANGE_BRANCH || stripRef(env.BRANCH_NAME ?? env.GIT_BRANCH?.replace(/^origin\//, '')),
          job: env.BUILD_TAG ?? env.BUILD_NUMBER,
        }
      : undefined,
  (env) => (env.CI && env.CI !== 'false' ? { ci: 'ci' } : undefined),
]

/** Reads commit, branch and job from the CI provider's environment variables. */
export function detectCiEnvironment(env: NodeJS.ProcessEnv = process.env): CiEnvironment {
  for (const detect of detectors) {
    const found = detect(env)
    if (found) return Object.fromEntries(Object.entries(found).filter(([, v]) => v)) as CiEnvironment
  }
  return {}
}
