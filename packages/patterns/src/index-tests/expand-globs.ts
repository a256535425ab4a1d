import { existsSync, readdirSync, statSync } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage'])

/** Expands file paths, directories (every file under them) and globs (`*`, `**`, `?`, `{a,b}`) relative to `cwd` into sorted absolute files. */
export function expandGlobs(patterns: readonly string[], cwd: string): string[] {
  const files = new Set<string>()
  for (const pattern of patterns) {
    const absolute = isAbsolute(pattern) ? pattern : resolve(cwd, pattern)
    if (!/[*?{[]/.test(pattern)) {
      if (existsSync(absolute)) for (const file of statSync(absolute).isDirectory() ? walk(absolute) : [absolute]) files.add(file)
      continue
    }
    const segments = absolute.split(sep)
    const firstMagic = segments.findIndex((s) => /[*?{[]/.test(s))
    const base = segments.slice(0, firstMagic).join(sep) || sep
    const matcher = globToRegExp(segments.slice(firstMagic).join('/'))
    if (!existsSync(base)) continue
    for (const file of walk(base)) if (matcher.test(relative(base, file).split(sep).join('/'))) files.add(file)
  }
  return [...files].sort()
}

/** A regular expression for a glob over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/'
      out += slash ? '(?:.*/)?' : '.*'
      i += slash ? 2 : 1
    } else if (c === '*') out += '[^/]*'
    else if (c === '?') out += '[^/]'
    else if (c === '{') {
      const end = glob.indexOf('}', i)
      out += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map(escapeRegExp)
        .join('|')})`
      i = end
    } else out += escapeRegExp(c)
  }
  return new RegExp(`^${out}$`)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^$()|[\]\\]/g, '\\$&')
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(join(dir, entry.name))
    } else if (entry.isFile()) yield join(dir, entry.name)
  }
}
