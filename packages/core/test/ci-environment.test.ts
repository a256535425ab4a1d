import { describe, expect, it } from 'vitest'
import { detectCiEnvironment } from '../src/record/ci-environment.js'

describe('detectCiEnvironment', () => {
  it('reads GitHub Actions, preferring the head branch of a pull request', () => {
    expect(
      detectCiEnvironment({
        GITHUB_ACTIONS: 'true',
        GITHUB_SHA: 'abc',
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_HEAD_REF: 'feature/x',
        GITHUB_RUN_ID: '11',
        GITHUB_RUN_ATTEMPT: '2',
        GITHUB_JOB: 'test',
      }),
    ).toEqual({ ci: 'github-actions', commit: 'abc', branch: 'feature/x', job: '11/2/test' })
    expect(detectCiEnvironment({ GITHUB_ACTIONS: 'true', GITHUB_SHA: 'abc', GITHUB_REF: 'refs/heads/main' }).branch).toBe('main')
  })

  it('reads GitLab, CircleCI, Buildkite and Jenkins', () => {
    expect(detectCiEnvironment({ GITLAB_CI: 'true', CI_COMMIT_SHA: 'g', CI_COMMIT_REF_NAME: 'dev', CI_JOB_ID: '5' })).toEqual({
      ci: 'gitlab',
      commit: 'g',
      branch: 'dev',
      job: '5',
    })
    expect(detectCiEnvironment({ CIRCLECI: 'true', CIRCLE_SHA1: 'c', CIRCLE_BRANCH: 'b', CIRCLE_BUILD_NUM: '9' })).toEqual({
      ci: 'circleci',
      commit: 'c',
      branch: 'b',
      job: '9',
    })
    expect(detectCiEnvironment({ BUILDKITE: 'true', BUILDKITE_COMMIT: 'k', BUILDKITE_BRANCH: 'main', BUILDKITE_JOB_ID: 'j' }).ci).toBe(
      'buildkite',
    )
    expect(detectCiEnvironment({ JENKINS_URL: 'http://j', GIT_COMMIT: 'jj', GIT_BRANCH: 'origin/release' })).toEqual({
      ci: 'jenkins',
      commit: 'jj',
      branch: 'release',
    })
  })

  it('knows only that it is CI when a generic CI variable is set, and nothing outside CI', () => {
    expect(detectCiEnvironment({ CI: 'true' })).toEqual({ ci: 'ci' })
    expect(detectCiEnvironment({})).toEqual({})
  })
})
