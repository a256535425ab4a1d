import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { tmpdir } from 'node:os'
import { resolve, sep } from 'node:path'
import { ForbiddenEffect } from './observe-call.js'

const WRITERS = [
  'writeFile',
  'appendFile',
  'mkdir',
  'rm',
  'rmdir',
  'unlink',
  'rename',
  'copyFile',
  'truncate',
  'symlink',
  'chmod',
  'utimes',
  'cp',
] as const

/**
 * Stops the code under test from ending the explorer or changing files outside the temp
 * directory, or inside the project: `process.exit` and writes throw `ForbiddenEffect`, and calls that hit one are
 * never kept (a generated test would do the same damage in the user's project).
 * Returns the real `process.exit`, for the explorer's own use.
 */
export function guardEffects(protectedDirs: string[]): (code?: number) => never {
  const exit = process.exit.bind(process)
  process.exit = ((code?: number) => {
    throw new ForbiddenEffect(`process.exit(${code ?? ''})`)
  }) as typeof process.exit
  const temp = resolve(tmpdir()) + sep
  const inside = (path: string, dir: string) => path === dir || path.startsWith(resolve(dir) + sep)
  // Only the temp directory, and never the project or package there (tests may live in temp dirs).
  const allowed = (target: unknown) => {
    if (typeof target !== 'string' && !(target instanceof URL)) return true
    const path = resolve(target instanceof URL ? target.pathname : target)
    return path.startsWith(temp) && !protectedDirs.some((dir) => inside(path, dir))
  }
  const patch = (host: Record<string, unknown>, name: string) => {
    const original = host[name]
    if (typeof original !== 'function') return
    host[name] = function guarded(this: unknown, target: unknown, ...rest: unknown[]) {
      if (!allowed(target)) throw new ForbiddenEffect(`${name}(${String(target)})`)
      return original.call(this, target, ...rest)
    }
  }
  const hosts = [fs as unknown as Record<string, unknown>, fs.promises as unknown as Record<string, unknown>]
  for (const name of WRITERS) {
    for (const host of hosts) patch(host, name)
    patch(fs as unknown as Record<string, unknown>, `${name}Sync`)
  }
  patch(fs as unknown as Record<string, unknown>, 'createWriteStream')
  // ESM named imports of node:fs are copies; this refreshes them from the patched object.
  syncBuiltinESMExports()
  return exit
}
