#!/usr/bin/env node
// Prepares one package of the fill-gaps development split (docs: /work/shared/anchors/testgen.md §6):
// a verified tarball, a fresh workspace without the package's own tests, a Vitest config that
// measures Istanbul coverage of the source under test only, and an import-only baseline test.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const REPO_ROOT = resolve(here, '../..')
export const DEFAULT_WORK_DIR = join(REPO_ROOT, 'benchmarks/.work/fill-gaps')
/** The Vitest that runs the workspaces; its pnpm directory also holds @vitest/coverage-v8 and -istanbul. */
export const VITEST_BIN = join(REPO_ROOT, 'benchmarks/node_modules/vitest/vitest.mjs')

/** The development split: source under test (coverage include), entry for the import-only test, table numbers. */
export const DEV_SPLIT = {
  'plural@1.1.0': { include: ['index.js'], entry: 'index.js', table: [53.8, 0] },
  'uneval@0.1.2': { include: ['index.js'], entry: 'index.js', table: [9.4, 0] },
  'complex.js@2.1.1': { include: ['complex.js'], entry: 'complex.js', table: [8.4, 4.6] },
  'jsonfile@6.1.0': { include: ['index.js', 'utils.js'], entry: 'index.js', table: [19.1, 0] },
  'pull-stream@3.7.0': {
    include: ['sources/**/*.js', 'throughs/**/*.js', 'sinks/**/*.js', 'util/**/*.js'],
    entry: 'index.js',
    table: [18.1, 0],
  },
}

/** Where generated tests go inside a workspace (Vitest's include). */
export const TEST_DIR = 'aqe-tests'

const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'benchmarks'])
const TEST_FILE = /^(test([._-].*)?\.[cm]?js|.*\.(test|spec)\.[cm]?js)$/

function splitSpec(spec) {
  const at = spec.lastIndexOf('@')
  if (at <= 0) throw new Error(`expected name@version, got ${spec}`)
  return { name: spec.slice(0, at), version: spec.slice(at + 1) }
}

function sha512(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`
}

/** Fetches (or reuses) the tarball and checks it against the registry's integrity, stored beside it for offline runs. */
export function fetchTarball(spec, workDir = DEFAULT_WORK_DIR) {
  const { name, version } = splitSpec(spec)
  const dir = join(workDir, 'tarballs')
  mkdirSync(dir, { recursive: true })
  const tarball = join(dir, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`)
  const integrityFile = `${tarball}.integrity`
  if (!existsSync(tarball))
    execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] })
  if (!existsSync(integrityFile)) {
    const expected = execFileSync('npm', ['view', spec, 'dist.integrity'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    if (!expected.startsWith('sha512-')) throw new Error(`npm view ${spec} dist.integrity gave no sha512: ${expected}`)
    writeFileSync(integrityFile, `${expected}\n`)
  }
  const expected = readFileSync(integrityFile, 'utf8').trim()
  const actual = sha512(tarball)
  if (actual !== expected) throw new Error(`${tarball}: sha512 ${actual} does not match the registry's ${expected}`)
  return tarball
}

function deleteOwnTests(dir, removed = [], root = dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (entry === 'node_modules') continue
    const isDir = statSync(path).isDirectory()
    if ((isDir && TEST_DIRS.has(entry)) || (!isDir && TEST_FILE.test(entry))) {
      rmSync(path, { recursive: true, force: true })
      removed.push(relative(root, path))
    } else if (isDir) deleteOwnTests(path, removed, root)
  }
  return removed
}

/** Links the package's dependencies from the monorepo's pnpm store (no install); returns the missing ones. */
function linkDependencies(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const wanted = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })
  const store = join(REPO_ROOT, 'node_modules/.pnpm')
  const missing = []
  for (const dep of wanted) {
    const match = readdirSync(store).find((d) => d.startsWith(`${dep.replace('/', '+')}@`))
    const source = match && join(store, match, 'node_modules', dep)
    if (!source || !existsSync(source)) {
      missing.push(dep)
      continue
    }
    mkdirSync(join(dir, 'node_modules', dirname(dep)), { recursive: true })
    symlinkSync(source, join(dir, 'node_modules', dep), 'dir')
  }
  return missing
}

/**
 * Prepares a fresh workspace for `spec` under `workDir` and returns where it is and what it measures.
 * @param {string} spec name@version from DEV_SPLIT
 * @param {{ workDir?: string }} [options]
 */
export function preparePackage(spec, { workDir = DEFAULT_WORK_DIR } = {}) {
  const split = DEV_SPLIT[spec]
  if (!split) throw new Error(`${spec} is not in the development split (${Object.keys(DEV_SPLIT).join(', ')})`)
  const tarball = fetchTarball(spec, workDir)
  const dir = join(workDir, spec)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  execFileSync('tar', ['xzf', tarball, '-C', dir, '--strip-components=1'])
  const removedTests = deleteOwnTests(dir)
  const missing = linkDependencies(dir)
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    `// Written by benchmarks/fill-gaps/prepare-package.mjs: coverage of the source under test only.
export default {
  test: {
    include: ['${TEST_DIR}/**/*.test.{js,mjs}'],
    testTimeout: 5000,
    coverage: {
      // v8, not istanbul: Vitest's istanbul instruments only what Vite transforms, and a CommonJS
      // file's own require() bypasses Vite (pull-stream's sources would read 0%). v8 sees every
      // file Node loads, and its AST-remapped numbers match the Jest/Istanbul table in testgen.md §6.
      provider: 'v8',
      include: ${JSON.stringify(split.include)},
      reporter: ['json-summary', 'json'],
      reportsDirectory: 'coverage',
      reportOnFailure: true,
    },
  },
}
`,
  )
  mkdirSync(join(dir, TEST_DIR), { recursive: true })
  writeFileSync(
    join(dir, TEST_DIR, 'import-only.test.js'),
    `import { expect, it } from 'vitest'\nimport entry from '../${split.entry}'\n\nit('loads', () => {\n  expect(entry).toBeDefined()\n})\n`,
  )
  return { spec, dir, include: split.include, entry: split.entry, removedTests, missingDependencies: missing, table: split.table }
}

/** Runs the workspace's tests with coverage; returns statement and branch percentages and the test counts. */
export function runCoverage(dir) {
  rmSync(join(dir, 'coverage'), { recursive: true, force: true })
  let output = ''
  try {
    output = execFileSync(process.execPath, [VITEST_BIN, 'run', '--root', dir, '--coverage.enabled', '--retry=0', '--reporter=json'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, AQE_DISABLE: '1' },
    })
  } catch (error) {
    output = error.stdout ?? '' // failing tests still produce coverage (reportOnFailure)
  }
  const summary = JSON.parse(readFileSync(join(dir, 'coverage/coverage-summary.json'), 'utf8')).total
  let passed = 0
  let failed = 0
  try {
    const report = JSON.parse(output.slice(output.indexOf('{')))
    passed = report.numPassedTests
    failed = report.numFailedTests
  } catch {}
  return { statements: summary.statements.pct, branches: summary.branches.pct, passed, failed }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const specs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(DEV_SPLIT)
  for (const spec of specs) {
    const prepared = preparePackage(spec)
    const cov = runCoverage(prepared.dir)
    const missing = prepared.missingDependencies.length ? `  MISSING deps: ${prepared.missingDependencies.join(', ')}` : ''
    console.log(
      `${spec.padEnd(20)} import-only stmt ${cov.statements.toFixed(1)}% branch ${cov.branches.toFixed(1)}%  (table ${prepared.table[0]}% / ${prepared.table[1]}%)  removed: ${prepared.removedTests.join(' ')}${missing}`,
    )
  }
}
