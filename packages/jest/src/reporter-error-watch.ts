import { createRequire } from 'node:module'
import { join } from 'node:path'

const PATCHED = Symbol.for('aqe.reporterErrors')

interface Patched {
  [PATCHED]?: string[]
}

/**
 * Watches the errors that Jest's built-in reporters raise to fail a run (coverage thresholds go
 * through `BaseReporter._setError`), because they run after aqe's reporter and a reporter cannot
 * ask another for its error. Returns the live list of messages, or undefined when Jest's reporter
 * module cannot be reached, in which case the caller must assume the worst.
 */
export function watchReporterErrors(rootDir: string): string[] | undefined {
  try {
    const fromRoot = createRequire(join(rootDir, 'package.json'))
    const fromJest = createRequire(fromRoot.resolve('jest/package.json'))
    const fromCore = createRequire(fromJest.resolve('@jest/core/package.json'))
    const base = (fromCore('@jest/reporters') as { BaseReporter?: { prototype: Patched & { _setError?: (e: Error) => void } } })
      .BaseReporter
    const proto = base?.prototype
    const original = proto?._setError
    if (!proto || typeof original !== 'function') return undefined
    if (proto[PATCHED]) return proto[PATCHED]
    const seen: string[] = []
    proto[PATCHED] = seen
    proto._setError = function (this: unknown, error: Error) {
      seen.push(error instanceof Error ? error.message : String(error))
      return original.call(this, error)
    }
    return seen
  } catch {
    return undefined
  }
}
