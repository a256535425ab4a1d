import { execFileSync } from 'node:child_process'

/** Commit and branch of the working tree, or nothing when git or a repository is absent. */
export function readGitRevision(cwd: string): { commit?: string; branch?: string } {
  try {
    // One process for both answers: reporters pay for this on every run.
    const [commit, branch] = execFileSync('git', ['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
    })
      .trim()
      .split('\n')
    return { commit: commit || undefined, branch: branch && branch !== 'HEAD' ? branch : undefined }
  } catch {
    return {}
  }
}
