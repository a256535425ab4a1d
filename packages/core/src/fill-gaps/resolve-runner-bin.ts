import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { InputError } from '../errors.js'

/**
 * The path of a runner's own bin as the project at `root` resolves it, so tests run with the
 * project's version of the runner, not one aqe brought along.
 */
export function resolveRunnerBin(root: string, runner: 'vitest' | 'jest'): string {
  let manifest: string
  try {
    manifest = createRequire(join(root, 'package.json')).resolve(`${runner}/package.json`)
  } catch {
    throw new InputError(`${runner} is not installed in ${root}. Install it there (npm i -D ${runner}) or choose the other runner.`)
  }
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> }
  const relative = typeof bin === 'string' ? bin : (bin?.[runner] ?? Object.values(bin ?? {})[0])
  if (!relative) throw new InputError(`${manifest} declares no bin; reinstall ${runner}.`)
  return join(dirname(manifest), relative)
}
