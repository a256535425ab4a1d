import { execFileSync } from 'node:child_process'

/** Commit and branch of the working tree, or nothing when git or a repository is absent. */
export function readGitRevision(cwd: string): { commit?: string; branch?: string } {
  const commit = git(cwd, ['rev-parse', 'HEAD'])
  if (!commit) return {}
  const branch = git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD'])
  return { commit, branch: branch && branch !== 'HEAD' ? branch : undefined }
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim()
  } catch {
    return undefined
  }
}
