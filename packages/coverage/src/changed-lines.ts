import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { InputError } from '@aqe/core/errors'
import { git } from './git.js'

/** Lines changed since the base ref, per absolute file path (1-based line numbers). */
export type ChangedLines = Map<string, Set<number>>

/**
 * The lines that differ between the merge base of `base` and HEAD and the working tree, plus
 * every line of untracked files. A base that git cannot resolve is an input error; on a shallow
 * clone the message says to fetch more history, because that is the usual cause in CI.
 */
export function changedLines(topLevel: string, base: string): ChangedLines {
  if (git(topLevel, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]) === undefined) {
    const shallow = git(topLevel, ['rev-parse', '--is-shallow-repository'])?.trim() === 'true'
    throw new InputError(
      shallow
        ? `--base ${base} is not in this shallow clone, so the changed lines cannot be known. Fetch the history first: git fetch --unshallow (in GitHub Actions: actions/checkout with fetch-depth: 0).`
        : `--base ${base} is not a commit, branch or tag in this repository. Pass an existing ref, e.g. --base origin/main (after git fetch origin main).`,
    )
  }
  const mergeBase = git(topLevel, ['merge-base', base, 'HEAD'])?.trim() || base
  const diff = git(topLevel, ['diff', '--no-color', '--no-ext-diff', '--unified=0', '--diff-filter=AMR', '-M', mergeBase])
  if (diff === undefined) throw new InputError(`git diff against ${base} failed. Check that ${topLevel} is a healthy git repository.`)
  const changed = parseUnifiedDiff(diff, topLevel)
  const untracked = git(topLevel, ['ls-files', '--others', '--exclude-standard']) ?? ''
  for (const file of untracked.split('\n').filter(Boolean)) {
    const path = join(topLevel, file)
    try {
      const count = readFileSync(path, 'utf8').split('\n').length
      changed.set(path, new Set(Array.from({ length: count }, (_, i) => i + 1)))
    } catch {
      // An unreadable untracked entry (a socket, a broken link) has no lines to cover.
    }
  }
  return changed
}

/** Reads the added and modified line numbers of each new-side file out of a `--unified=0` diff. */
export function parseUnifiedDiff(diff: string, topLevel: string): ChangedLines {
  const changed: ChangedLines = new Map()
  let current: Set<number> | undefined
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = line.slice(4)
      current = path === '/dev/null' ? undefined : new Set()
      if (current) changed.set(join(topLevel, path.replace(/^b\//, '')), current)
      continue
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line)
    if (hunk && current) {
      const start = Number(hunk[1])
      const count = hunk[2] === undefined ? 1 : Number(hunk[2])
      for (let n = start; n < start + count; n++) current.add(n)
    }
  }
  return changed
}
