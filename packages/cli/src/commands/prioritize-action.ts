import { existsSync } from 'node:fs'
import {
  type BudgetSelection,
  parseTimeBudget,
  type RankedTest,
  SqliteHistoryStore,
  StoreError,
  selectWithinBudget,
  trainAgentFromStore,
} from '@aqe/core'
import pc from 'picocolors'
import { type CommonOptions, historyPath } from '../context.js'
import { formatMs, formatTable } from '../format/table.js'

interface PrioritizeOptions extends CommonOptions {
  budget?: string
  json?: boolean
}

/** One file of `aqe prioritize --json`. */
interface PrioritizedFile {
  rank: number
  file: string
  priority: number
  durationMs: number | null
  lastFailed: boolean
  isNew: boolean
  /** Within the budget; true for every file when no budget is given. */
  selected: boolean
}

/** `aqe prioritize`: trains the policy on the store, ranks the known test files and prints them, as a table or JSON. */
export async function runPrioritize(options: PrioritizeOptions): Promise<void> {
  const budget = options.budget === undefined ? undefined : parseTimeBudget(options.budget)
  const path = await historyPath(options)
  if (!existsSync(path)) {
    throw new StoreError(
      'AQE_STORE_MISSING',
      `No history store at ${path}. Run your tests with the aqe reporter first, or point --db / AQE_HISTORY_DB at an existing store.`,
    )
  }
  // Writable: the policy learnt from new runs is saved, so the next sequencer run starts from it.
  const store = SqliteHistoryStore.open(path)
  try {
    const { agent, learntRuns } = trainAgentFromStore(store.db)
    const ranked = agent.rank(agent.knownTests())
    const selection = budget ? selectWithinBudget(ranked, budget) : undefined
    const chosen = new Set((selection?.selected ?? ranked).map((t) => t.id))
    const files = ranked.map((t, i): PrioritizedFile => toFile(t, i, chosen.has(t.id)))
    if (options.json) {
      const report = { store: path, runsLearnt: agent.cycle, learntNow: learntRuns, budget: budgetJson(selection), files }
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    } else {
      process.stdout.write(render(files, selection, agent.cycle, path))
    }
  } finally {
    store.close()
  }
}

function toFile(test: RankedTest, index: number, selected: boolean): PrioritizedFile {
  return {
    rank: index + 1,
    file: test.id,
    priority: Math.round(test.priority * 1e6) / 1e6,
    durationMs: test.durationMs ?? null,
    lastFailed: test.lastFailed,
    isNew: test.isNew,
    selected,
  }
}

function budgetJson(selection: BudgetSelection | undefined) {
  if (!selection) return null
  return {
    budgetMs: selection.budgetMs,
    selectedMs: selection.selectedMs,
    totalMs: selection.totalMs,
    selectedFiles: selection.selected.length,
  }
}

function render(files: PrioritizedFile[], selection: BudgetSelection | undefined, runs: number, path: string): string {
  const out = [`${pc.bold('aqe prioritize')} ${pc.dim(path)}`, `policy learnt from ${runs} runs; ${files.length} test files known`]
  if (files.length === 0) return `${out.join('\n')}\nNo test files recorded yet: run your tests with the aqe reporter first.\n`
  out.push(
    '',
    formatTable(
      ['#', 'file', 'priority', 'last run', 'duration', ...(selection ? ['in budget'] : [])],
      files.map((f) => [
        String(f.rank),
        f.file,
        f.priority.toFixed(3),
        f.lastFailed ? pc.red('failed') : 'passed',
        formatMs(f.durationMs),
        ...(selection ? [f.selected ? pc.green('yes') : pc.dim('no')] : []),
      ]),
      new Set([0, 2, 4]),
    ),
  )
  if (selection) {
    out.push(
      '',
      `${selection.selected.length} of ${files.length} files fit the budget of ${formatMs(selection.budgetMs)}: ${formatMs(selection.selectedMs)} of ${formatMs(selection.totalMs)} expected.`,
    )
  }
  return `${out.join('\n')}\n`
}
