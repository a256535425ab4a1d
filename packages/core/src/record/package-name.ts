import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The `name` in `root/package.json`, or undefined when there is none. */
export function readPackageName(root: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: unknown }).name
    return typeof name === 'string' ? name : undefined
  } catch {
    return undefined
  }
}
