import { join } from 'node:path'

const strip = (path: string) => path.replace(/\.(?:[cm]?[jt]sx?)$/, '')

/** Whether an import resolved to `imported` (extension optional, as bundlers allow) loads `sourceFile`. */
export function sameModule(imported: string, sourceFile: string): boolean {
  return (
    strip(imported) === strip(sourceFile) ||
    (strip(join(imported, 'index')) === strip(sourceFile) && /[\\/]index\.[^\\/]+$/.test(sourceFile))
  )
}
