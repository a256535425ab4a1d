import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach } from 'vitest'
import { calcFixture } from './fixture.js'

/**
 * Scratch projects for cases the fixture's own suites should not carry (load errors and the
 * like). They live inside the fixture directory, so they resolve its node_modules (jest, vitest,
 * @aqe/*), under a `.scratch-*` name that neither suite's test globs match; removed after each test.
 */
export function useScratchProject(): (files: Record<string, string>) => string {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return (files) => {
    const dir = mkdtempSync(join(calcFixture, '.scratch-'))
    dirs.push(dir)
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true })
      writeFileSync(join(dir, name), text)
    }
    return dir
  }
}
