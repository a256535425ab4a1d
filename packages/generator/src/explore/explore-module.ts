import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CallRecord, ChildConfig } from './child-protocol.js'
import type { ExploredTest, ExploreRequest, ExploreResult } from './explore-types.js'
import { GENERIC_POOL } from './input-pool.js'
import { type MinedInputs, mineInputs } from './mine-inputs.js'
import { bindingName, importSpecifier, isTypeScript, moduleLoader, packageDirOf, renderHeader } from './module-binding.js'
import { dedupeTitles, renderTest, titleOf } from './render-test.js'
import { runChild } from './spawn-child.js'

export { renderTestFile } from './render-test.js'

/**
 * Explores a module without a model: mines argument values from its source, calls its exports
 * in a child process with precise V8 coverage, and turns each call that reached new code into a
 * characterisation test that asserts what the call returned, threw or called back.
 * Never modifies a source file; a module that hangs, exits or throws on load is reported in `problems`.
 */
export async function exploreModule(request: ExploreRequest): Promise<ExploreResult> {
  const started = Date.now()
  const budgetMs = request.budgetMs ?? 20_000
  const problems: string[] = []
  const typescript = isTypeScript(request.sourceFile)
  const loader = moduleLoader(request.sourceFile)
  const defaultBinding = bindingName(request.sourceFile)
  let mined: MinedInputs = { mined: [], hints: {} }
  try {
    mined = mineInputs(await readFile(request.sourceFile, 'utf8'), typescript)
  } catch (error) {
    problems.push(`cannot read or parse ${request.sourceFile}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const config: ChildConfig = {
    sourceFile: request.sourceFile,
    loader,
    defaultBinding,
    packageDir: packageDirOf(request.sourceFile),
    mined: mined.mined,
    pool: [...GENERIC_POOL],
    hints: mined.hints,
    uncoveredLines: (request.uncovered ?? []).flatMap((s) =>
      Array.from({ length: s.endLine - s.startLine + 1 }, (_, i) => s.startLine + i),
    ),
    // The child stops itself a little before it would be killed: one call may take up to callTimeoutMs.
    deadline: started + Math.floor((budgetMs - replayReserve(budgetMs)) * 0.85),
    callTimeoutMs: request.callTimeoutMs ?? 1000,
    seed: request.seed ?? 1,
    maxCallsPerTarget: 150,
  }
  const run = await runConfig(config, request, typescript, Math.max(1000, budgetMs - replayReserve(budgetMs) - (Date.now() - started)))
  let calls = 0
  let loaded = false
  let done = false
  const records: CallRecord[] = []
  for (const m of run.messages) {
    if (m.type === 'test') records.push(m)
    else if (m.type === 'problem') problems.push(m.message)
    else if (m.type === 'calls') calls = m.count
    else if (m.type === 'loaded') loaded = true
    else done = true
  }
  if (!loaded && !problems.some((p) => p.startsWith('cannot load'))) {
    problems.push(
      `${request.sourceFile} did not load within the budget${run.killed ? ' (the explorer was stopped)' : ''}${tail(run.stderrTail)}`,
    )
  } else if (!done) {
    problems.push(
      `the explorer ${run.killed ? 'was stopped at the time budget (a call did not return)' : `exited early (code ${run.exitCode})`}${tail(run.stderrTail)}`,
    )
  }
  if (calls === 0) calls = records.length
  const confirmed = await confirmInOrder(records, config, request, typescript, started + budgetMs - Date.now(), problems)
  return {
    header: header(request, records, loader, defaultBinding),
    tests: toTests(confirmed, isTypeScript(request.testFile)),
    calls,
    problems,
  }
}

/** Part of the budget kept for the replay that confirms the kept calls on a fresh module. */
function replayReserve(budgetMs: number): number {
  return Math.min(3000, Math.max(1500, Math.floor(budgetMs * 0.3)))
}

async function runConfig(config: ChildConfig, request: ExploreRequest, typescript: boolean, limitMs: number) {
  const dir = await mkdtemp(join(tmpdir(), 'aqe-explore-'))
  try {
    const configPath = join(dir, 'config.json')
    await writeFile(configPath, JSON.stringify(config))
    return await runChild(configPath, request.root, typescript, limitMs, request.signal)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Keeps the calls that behave as recorded when replayed in order on a freshly loaded module, which
 * is how the generated file runs them: exploration calls that changed module state (a registry,
 * a cache) may have shaped what a kept call saw.
 */
async function confirmInOrder(
  records: CallRecord[],
  config: ChildConfig,
  request: ExploreRequest,
  typescript: boolean,
  leftMs: number,
  problems: string[],
): Promise<CallRecord[]> {
  if (records.length === 0) return records
  const limitMs = Math.max(1000, leftMs)
  const run = await runConfig({ ...config, replay: records, deadline: Date.now() + limitMs - 200 }, request, typescript, limitMs)
  if (!run.messages.some((m) => m.type === 'done')) {
    problems.push('the replay that confirms the kept calls did not finish; the tests are unconfirmed')
    return records
  }
  const ok = new Set(run.messages.flatMap((m) => (m.type === 'confirmed' ? [m.index] : [])))
  return records.filter((_, i) => ok.has(i))
}

function toTests(records: CallRecord[], typescript: boolean): ExploredTest[] {
  // Calls that reach the requested gaps come first; discovery order otherwise.
  const ordered = records.map((r, i) => ({ r, i })).sort((a, b) => Number(b.r.gapHits > 0) - Number(a.r.gapHits > 0) || a.i - b.i)
  const titles = dedupeTitles(ordered.map(({ r }) => titleOf(r)))
  return ordered.map(({ r }, i) => ({
    name: titles[i] as string,
    code: renderTest(r, titles[i] as string, typescript),
    exportPath: r.exportPath,
    newLines: r.newLines,
  }))
}

function header(request: ExploreRequest, records: CallRecord[], loader: 'import' | 'require', defaultBinding: string): string {
  const used = new Set(records.flatMap((r) => r.bindings))
  const useDefault = loader === 'require' || used.has(defaultBinding)
  const named = [...used].filter((n) => n !== defaultBinding || loader === 'require').filter((n) => n !== defaultBinding)
  return renderHeader(
    request.frameworkImport,
    importSpecifier(request.testFile, request.sourceFile),
    useDefault ? defaultBinding : undefined,
    named,
  )
}

function tail(stderr: string): string {
  const text = stderr.trim().split('\n').slice(-3).join(' | ')
  return text ? `: ${text}` : ''
}
