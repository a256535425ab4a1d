import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, extname, join, relative, sep } from 'node:path'

const TS_EXTENSION = /\.[cm]?tsx?$/
const RESERVED = new Set([
  'calls',
  'expect',
  'it',
  'describe',
  'test',
  'result',
  'default',
  'function',
  'class',
  'new',
  'delete',
  'import',
  'export',
])

/** Whether a file is TypeScript (loaded through tsx). */
export function isTypeScript(file: string): boolean {
  return TS_EXTENSION.test(file)
}

/** The directory of the nearest package.json above a file (the file's own directory when there is none). */
export function packageDirOf(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) return dirname(file)
  }
}

/** How Node loads the module: ESM and TS through `import()`, CommonJS through `require`. */
export function moduleLoader(file: string): 'import' | 'require' {
  if (isTypeScript(file) || file.endsWith('.mjs')) return 'import'
  if (file.endsWith('.cjs')) return 'require'
  try {
    const pkg = JSON.parse(readFileSync(join(packageDirOf(file), 'package.json'), 'utf8')) as { type?: string }
    return pkg.type === 'module' ? 'import' : 'require'
  } catch {
    return 'require'
  }
}

/** An identifier for the module's default export or CommonJS exports: its file name, or its directory for an index file. */
export function bindingName(file: string): string {
  let stem = basename(file, extname(file))
  if (stem === 'index') stem = packageName(dirname(file)) ?? basename(dirname(file))
  stem = stem.replace(/\.(js|ts)$/, '')
  const words = stem.split(/[^A-Za-z0-9_$]+/).filter(Boolean)
  let name = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('') || 'mod'
  if (/^\d/.test(name)) name = `m${name}`
  return RESERVED.has(name) ? `${name}Module` : name
}

function packageName(dir: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name
    return name?.replace(/^@[^/]+\//, '')
  } catch {
    return undefined
  }
}

/** The import specifier of the source from the test file: TS sources without extension, JS with it. */
export function importSpecifier(testFile: string, sourceFile: string): string {
  let spec = relative(dirname(testFile), sourceFile).split(sep).join('/')
  if (!spec.startsWith('.')) spec = `./${spec}`
  return /\.tsx?$/.test(spec) ? spec.replace(/\.tsx?$/, '') : spec
}

/** The import lines of a generated file: the framework's first, then the module under test. */
export function renderHeader(frameworkImport: string, specifier: string, defaultBinding: string | undefined, named: string[]): string {
  const parts: string[] = []
  if (defaultBinding) parts.push(defaultBinding)
  if (named.length > 0) parts.push(`{ ${[...named].sort().join(', ')} }`)
  const lines = frameworkImport.trim() ? [frameworkImport.trim()] : []
  lines.push(parts.length > 0 ? `import ${parts.join(', ')} from '${specifier}'` : `import '${specifier}'`)
  return lines.join('\n')
}
