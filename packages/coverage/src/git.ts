import { execFileSync } from 'node:child_process'

/** Runs git in `cwd` and returns stdout, or undefined when git fails (not a repository, unknown ref). */
export function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', ['-c', 'core.quotePath=false', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    })
  } catch {
    return undefined
  }
}

/** The repository's top-level directory, or undefined outside a git repository. */
export function gitTopLevel(cwd: string): string | undefined {
  return git(cwd, ['rev-parse', '--show-toplevel'])?.trim() || undefined
}
