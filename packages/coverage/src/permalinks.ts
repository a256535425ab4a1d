import { relative, sep } from 'node:path'
import { git, gitTopLevel } from './git.js'
import type { Gap } from './types.js'

/** Builds links to a gap's lines at one commit, e.g. `https://github.com/o/r/blob/<sha>/src/a.ts#L3-L9`. */
export type LinkFn = (gap: Pick<Gap, 'file' | 'startLine' | 'endLine'>) => string | undefined

/**
 * Links pinned to `commit` on GitHub, from `GITHUB_SERVER_URL`/`GITHUB_REPOSITORY` (as in Actions)
 * or the `origin` remote when it is on github.com. Without a repository or commit, no links.
 */
export function githubPermalinks(root: string, commit: string | undefined, env: NodeJS.ProcessEnv = process.env): LinkFn {
  const sha = env.GITHUB_SHA || commit
  const repo = env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}` : originUrl(root)
  const topLevel = gitTopLevel(root)
  if (!sha || !repo) return () => undefined
  const prefix = topLevel ? relative(topLevel, root).split(sep).join('/') : ''
  return (gap) => {
    const path = prefix ? `${prefix}/${gap.file}` : gap.file
    const lines = gap.endLine > gap.startLine ? `#L${gap.startLine}-L${gap.endLine}` : `#L${gap.startLine}`
    return `${repo}/blob/${sha}/${path.split('/').map(encodeURIComponent).join('/')}${lines}`
  }
}

function originUrl(root: string): string | undefined {
  const url = git(root, ['remote', 'get-url', 'origin'])?.trim()
  const match = url && /github\.com[:/]([^/]+\/[^/]+?)(?:\.git)?$/.exec(url)
  return match ? `https://github.com/${match[1]}` : undefined
}

/** `L12` or `L12-L18`: the line range of a gap as people write it. */
export function lineRange(gap: Pick<Gap, 'startLine' | 'endLine'>): string {
  return gap.endLine > gap.startLine ? `L${gap.startLine}-L${gap.endLine}` : `L${gap.startLine}`
}
