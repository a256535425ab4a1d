#!/usr/bin/env node
// Runs the model-free explorer alone on the development split: per package, a fresh workspace,
// import-only coverage, exploreModule on each source file, the rendered tests written into the
// workspace, and coverage again. Usage: node benchmarks/fill-gaps/explore-only.mjs [name@version ...]
// Env: EXPLORE_PACKAGE_BUDGET_MS (default 40000, split over the package's files), EXPLORE_SEED.
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DEV_SPLIT, preparePackage, REPO_ROOT, runCoverage, TEST_DIR } from './prepare-package.mjs'

// The explorer is TypeScript; tsx (a dependency of @aqe/generator) loads it from source, so no build is needed.
const generatorRequire = createRequire(join(REPO_ROOT, 'packages/generator/package.json'))
const { register } = await import(pathToFileURL(generatorRequire.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href)
register()
const { exploreModule, renderTestFile } = await import(
  pathToFileURL(join(REPO_ROOT, 'packages/generator/src/explore/explore-module.ts')).href
)

const FRAMEWORK_IMPORT = "import { describe, expect, it } from 'vitest'"

/** Expands the split's include patterns (`file.js`, `dir/**\/*.js`) to files. */
function sourceFiles(dir, include) {
  const files = []
  const walk = (d) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry)
      if (statSync(path).isDirectory()) walk(path)
      else if (entry.endsWith('.js')) files.push(path)
    }
  }
  for (const pattern of include) {
    if (pattern.endsWith('/**/*.js')) walk(join(dir, pattern.slice(0, -'/**/*.js'.length)))
    else files.push(join(dir, pattern))
  }
  return files.sort()
}

/** Explores one package; returns before/after coverage and the explorer's counts. */
export async function exploreOnly(spec, { packageBudgetMs = 40_000, seed = 1 } = {}) {
  const prepared = preparePackage(spec)
  const before = runCoverage(prepared.dir)
  const files = sourceFiles(prepared.dir, prepared.include)
  // A child needs about a second to start (more on a busy machine), so small files still get 5 s each.
  const budgetMs = Math.max(5000, Math.floor(packageBudgetMs / files.length))
  let tests = 0
  let calls = 0
  const problems = []
  const started = Date.now()
  for (const sourceFile of files) {
    const rel = relative(prepared.dir, sourceFile)
    const testFile = join(prepared.dir, TEST_DIR, `${rel.replace(/[/\\]/g, '-').replace(/\.js$/, '')}.explore.test.js`)
    const result = await exploreModule({
      root: prepared.dir,
      sourceFile,
      testFile,
      framework: 'vitest',
      frameworkImport: FRAMEWORK_IMPORT,
      budgetMs,
      seed,
    })
    tests += result.tests.length
    calls += result.calls
    problems.push(...result.problems.map((p) => `${rel}: ${p}`))
    if (result.tests.length > 0) writeFileSync(testFile, renderTestFile(result, basename(rel)))
  }
  const exploreMs = Date.now() - started
  const after = runCoverage(prepared.dir)
  return { spec, before, after, tests, calls, files: files.length, exploreMs, problems }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const specs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(DEV_SPLIT)
  const packageBudgetMs = Number(process.env.EXPLORE_PACKAGE_BUDGET_MS ?? 40_000)
  const seed = Number(process.env.EXPLORE_SEED ?? 1)
  const rows = []
  for (const spec of specs) {
    const r = await exploreOnly(spec, { packageBudgetMs, seed })
    rows.push(r)
    console.log(
      `${spec.padEnd(20)} stmt ${r.before.statements.toFixed(1)}% -> ${r.after.statements.toFixed(1)}%  branch ${r.before.branches.toFixed(1)}% -> ${r.after.branches.toFixed(1)}%  ` +
        `tests ${r.tests} (pass ${r.after.passed - 1}, fail ${r.after.failed})  calls ${r.calls}  files ${r.files}  ${(r.exploreMs / 1000).toFixed(1)}s`,
    )
    for (const p of r.problems.slice(0, 5)) console.log(`    problem: ${p}`)
  }
  if (rows.length > 1) {
    console.log(
      `median stmt ${median(rows.map((r) => r.after.statements)).toFixed(1)}%  branch ${median(rows.map((r) => r.after.branches)).toFixed(1)}%  (Nessie 51.3% / 25.6%)`,
    )
  }
}
