import { readFileSync } from 'node:fs'
import { detectCiEnvironment, InputError, parseJsonl, parseJunit, readGitRevision, SqliteHistoryStore, type StoredRun } from '@aqe/core'
import { type CommonOptions, historyPath } from '../context.js'
import { oneOf } from '../options.js'

interface ImportOptions extends CommonOptions {
  format: string
  runner: string
  commit?: string
  branch?: string
}

/** `aqe history import <file...>`: JUnit XML or aqe JSON Lines into the store, all files or none. */
export async function runHistoryImport(files: string[], options: ImportOptions): Promise<void> {
  const format = oneOf(options.format, ['auto', 'junit', 'jsonl'], '--format')
  const ci = detectCiEnvironment()
  const git = options.commit && options.branch ? {} : readGitRevision(process.cwd())
  const defaults = {
    runner: options.runner,
    commit: options.commit ?? ci.commit ?? git.commit,
    branch: options.branch ?? ci.branch ?? git.branch,
    job: ci.job,
  }
  // Parse everything before writing anything, so one bad file imports nothing.
  const runs: StoredRun[] = files.flatMap((file) => {
    const text = readInput(file)
    const kind = format === 'auto' ? detectFormat(file, text) : format
    return kind === 'junit' ? parseJunit(text, file, defaults) : parseJsonl(text, file)
  })
  const store = SqliteHistoryStore.open(await historyPath(options))
  try {
    const result = store.addRuns(runs)
    process.stderr.write(
      `imported ${result.runsAdded} runs (${result.executionsAdded} executions); ${result.runsSkipped} runs were already present\n`,
    )
  } finally {
    store.close()
  }
}

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new InputError(`Cannot read ${file}: ${(error as Error).message}`)
  }
}

function detectFormat(file: string, text: string): 'junit' | 'jsonl' {
  if (/\.xml$/i.test(file) || text.trimStart().startsWith('<')) return 'junit'
  if (/\.jsonl?$/i.test(file) || text.trimStart().startsWith('{')) return 'jsonl'
  throw new InputError(`Cannot tell the format of ${file}: pass --format junit or --format jsonl.`)
}
