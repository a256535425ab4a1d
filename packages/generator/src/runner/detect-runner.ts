import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { InputError } from '@aqe/core'
import type { TestFramework } from '../explore/explore-types.js'
import { JestRunner } from './jest-runner.js'
import type { ProjectRunner } from './project-runner.js'
import { VitestRunner } from './vitest-runner.js'

const VITEST_CONFIGS = ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.js', 'vitest.config.mjs', 'vitest.config.cjs']
const JEST_CONFIGS = ['jest.config.js', 'jest.config.ts', 'jest.config.mjs', 'jest.config.cjs', 'jest.config.json']

/**
 * The runner of a project: the one asked for, else the one whose config file is there, else the
 * one its package.json mentions. A project with both must say which (`--runner`).
 */
export function detectFramework(root: string, asked?: TestFramework): TestFramework {
  if (asked) return asked
  const vitest = VITEST_CONFIGS.some((name) => existsSync(join(root, name)))
  const jest = JEST_CONFIGS.some((name) => existsSync(join(root, name))) || packageJson(root).includes('"jest":')
  if (vitest && !jest) return 'vitest'
  if (jest && !vitest) return 'jest'
  if (vitest && jest) throw new InputError(`${root} is set up for both Vitest and Jest. Choose one with --runner vitest or --runner jest.`)
  if (packageJson(root).includes('"vitest"')) return 'vitest'
  throw new InputError(`No Vitest or Jest config found in ${root}. Run aqe fill-gaps in the project root, or pass --runner.`)
}

/** Opens the project's runner of the given framework. */
export function openRunner(root: string, framework: TestFramework): ProjectRunner {
  return framework === 'vitest' ? new VitestRunner(root) : new JestRunner(root)
}

function packageJson(root: string): string {
  const path = join(root, 'package.json')
  return existsSync(path) ? readFileSync(path, 'utf8') : ''
}
