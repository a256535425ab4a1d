/**
 * Compiles a path glob to a RegExp: `**` spans directories, `*` and `?` stay within one,
 * `{a,b}` picks one of several. Paths are matched whole, `/`-separated.
 */
export function globToRegExp(glob: string): RegExp {
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i)
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/'
      out += slash ? '(?:.*/)?' : '.*'
      i += slash ? 2 : 1
    } else if (c === '*') out += '[^/]*'
    else if (c === '?') out += '[^/]'
    else if (c === '{') out += '(?:'
    else if (c === '}') out += ')'
    else if (c === ',' && glob.lastIndexOf('{', i) > glob.lastIndexOf('}', i)) out += '|'
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${out}$`)
}

/** Returns a function giving the first glob a relative path matches, or undefined. */
export function globMatcher(globs: readonly string[]): (path: string) => string | undefined {
  const compiled = globs.map((glob) => ({ glob, re: globToRegExp(glob.replace(/^\.\//, '')) }))
  return (path) => compiled.find((c) => c.re.test(path))?.glob
}
