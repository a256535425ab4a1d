import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { aqeBin, repoRoot } from '../../../test-helpers/fixture.js'
import { runProcess } from '../../../test-helpers/run-process.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

// Every aqe invocation builds the whole command tree; what it loads for that is its start-up cost.
// Module loader hooks (which run on a thread of their own) write each loaded URL to a file.
const HOOKS = `import { appendFileSync } from 'node:fs'
export async function load(url, context, next) {
  appendFileSync(process.env.AQE_TEST_LOADED, url + '\\n')
  return next(url, context)
}
`

describe('aqe start-up', () => {
  const tempDir = useTempDir('aqe-startup-')

  async function loadedBy(args: string[]): Promise<string[]> {
    const dir = tempDir()
    const hooks = join(dir, 'hooks.mjs')
    const register = join(dir, 'register.mjs')
    const loaded = join(dir, 'loaded.txt')
    writeFileSync(hooks, HOOKS)
    writeFileSync(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
    writeFileSync(loaded, '')
    const result = await runProcess(process.execPath, ['--import', pathToFileURL(register).href, aqeBin, ...args], {
      cwd: repoRoot,
      env: { AQE_TEST_LOADED: loaded },
    })
    expect(result.code).toBe(0)
    return readFileSync(loaded, 'utf8').split('\n').filter(Boolean)
  }

  it.each([[['--version']], [['--help']], [['gaps', '--help']]])(
    'aqe %j loads no command implementation, store or schema',
    async (args) => {
      const loaded = await loadedBy(args)
      expect(loaded.some((url) => url.endsWith('/packages/cli/dist/program.js'))).toBe(true)
      const heavy = loaded.filter(
        (url) =>
          /\/node_modules\/(zod|better-sqlite3|fast-xml-parser|istanbul-lib-coverage|@babel\/parser)\//.test(url) ||
          /\/packages\/core\/dist\/index\.js$/.test(url) ||
          /\/packages\/coverage\/dist\/index\.js$/.test(url) ||
          /\/packages\/cli\/dist\/commands\/[\w-]+-action\.js$/.test(url),
      )
      expect(heavy).toEqual([])
    },
  )
})
