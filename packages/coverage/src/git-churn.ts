import { join } from 'node:path'
import { git } from './git.js'

/**
 * How many commits touched each file, keyed by absolute path, over the last `maxCommits`
 * commits (merges excluded). Empty outside a git repository.
 */
export function gitChurn(topLevel: string, maxCommits: number): Map<string, number> {
  const churn = new Map<string, number>()
  const log = git(topLevel, ['log', '--no-merges', `--max-count=${maxCommits}`, '--format=', '--name-only'])
  if (!log) return churn
  for (const line of log.split('\n')) {
    if (!line) continue
    const file = join(topLevel, line)
    churn.set(file, (churn.get(file) ?? 0) + 1)
  }
  return churn
}
