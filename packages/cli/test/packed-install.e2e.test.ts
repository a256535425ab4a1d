import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../../test-helpers/fixture.js'
import { runProcess } from '../../../test-helpers/run-process.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

// Every workspace package is packed, since the ones under test may depend on any of them.
const PACKAGES = readdirSync(join(repoRoot, 'packages'))

// Native addons compile against the running Node's headers when they are on disk (no download).
const nodeHeaders = join(process.execPath, '..', '..')
const installEnv = existsSync(join(nodeHeaders, 'include', 'node', 'node.h')) ? { npm_config_nodedir: nodeHeaders } : {}

async function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = await runProcess(command, args, { cwd, env, timeoutMs: 300_000 })
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`)
  return result
}

describe('packed packages', () => {
  const tempDir = useTempDir('aqe-packed-')

  it('install from their tarballs into a project outside the workspace and record both runners', async () => {
    const tarballs = tempDir()
    for (const name of PACKAGES) await sh('pnpm', ['pack', '--pack-destination', tarballs], join(repoRoot, 'packages', name))
    const tgz = (name: string) => `file:${join(tarballs, readdirSync(tarballs).find((f) => f.startsWith(`aqe-${name}-`)) as string)}`

    const project = tempDir()
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'outside-project',
        private: true,
        devDependencies: {
          '@aqe/cli': tgz('cli'),
          '@aqe/jest': tgz('jest'),
          '@aqe/vitest': tgz('vitest'),
          jest: '30.5.2',
          vitest: '4.1.12',
        },
      }),
    )
    // Packed packages name each other by version; point those at the tarballs, as a registry would.
    const overrides = PACKAGES.map((name) => `  "@aqe/${name}": "${tgz(name)}"\n`).join('')
    writeFileSync(
      join(project, 'pnpm-workspace.yaml'),
      `overrides:\n${overrides}allowBuilds:\n  better-sqlite3: true\n  esbuild: true\n  "@parcel/watcher": false\n  unrs-resolver: false\n  node-llama-cpp: false\n  hnswlib-node: true\n`,
    )
    // A CommonJS project: the ESM reporter must still load from Jest's config.
    writeFileSync(
      join(project, 'jest.config.js'),
      "module.exports = { testMatch: ['**/jest/*.test.js'], reporters: ['default', '@aqe/jest'] }\n",
    )
    writeFileSync(
      join(project, 'vitest.config.mjs'),
      "import { aqe } from '@aqe/vitest'\nexport default { plugins: [aqe()], test: { include: ['vitest/*.test.js'] } }\n",
    )
    mkdirSync(join(project, 'jest'))
    mkdirSync(join(project, 'vitest'))
    writeFileSync(join(project, 'jest', 'sum.test.js'), "test('adds', () => expect(1 + 1).toBe(2))\n")
    writeFileSync(
      join(project, 'vitest', 'sum.test.js'),
      "import { expect, test } from 'vitest'\ntest('adds', () => expect(1 + 1).toBe(2))\n",
    )
    await sh('pnpm', ['install'], project, installEnv)

    const env = { AQE_HISTORY_DB: '' }
    await sh(process.execPath, [join(project, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci'], project, env)
    await sh(process.execPath, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], project, env)
    expect(existsSync(join(project, '.aqe', 'history.db'))).toBe(true)
    const history = await sh(join(project, 'node_modules', '.bin', 'aqe'), ['history', '--json'], project, env)
    const summary = JSON.parse(history.stdout) as { runs: number; tests: number; executions: number }
    expect(summary).toMatchObject({ runs: 2, tests: 2, executions: 2 })
    // The model layer is optional: the CLI installs without it and says what to add.
    expect(existsSync(join(project, 'node_modules', 'node-llama-cpp'))).toBe(false)
    const llm = await runProcess(join(project, 'node_modules', '.bin', 'aqe'), ['llm', 'doctor'], { cwd: project })
    expect(llm.code).toBe(2)
    expect(llm.stderr).toContain('needs the optional package @aqe/llm: install it (npm install --save-dev @aqe/llm)')
  })
})
