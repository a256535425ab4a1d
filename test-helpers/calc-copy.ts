import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { calcFixture } from './fixture.js'

const COPIED = ['src', 'test', 'package.json', 'tsconfig.json', 'vitest.config.ts', 'jest.config.js', 'babel.config.cjs']

/**
 * Copies of the fixture project for runs that write into it (fill-gaps). Each lives inside the
 * fixture under a `.scratch-` name, so it resolves the fixture's node_modules; removed after each test.
 */
export function useCalcCopy(): () => string {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return () => {
    const dir = mkdtempSync(join(calcFixture, '.scratch-'))
    dirs.push(dir)
    for (const name of COPIED) cpSync(join(calcFixture, name), join(dir, name), { recursive: true })
    return dir
  }
}

/** Every file under a directory, relative to it, sorted: to show that a run left nothing behind. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; parentPath: string; name: string }>)
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort()
}
