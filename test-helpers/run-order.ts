import Database from 'better-sqlite3'

/** For each run in a store, oldest first, its test files in the order their results were recorded. */
export function fileOrderOfRuns(db: string): string[][] {
  const conn = new Database(db, { readonly: true })
  try {
    const rows = conn
      .prepare('SELECT e.run_id AS runId, t.file FROM executions e JOIN tests t ON t.id = e.test_id ORDER BY e.run_id, e.id')
      .all() as { runId: number; file: string }[]
    const runs = new Map<number, string[]>()
    for (const { runId, file } of rows) {
      const files = runs.get(runId) ?? []
      if (!files.includes(file)) files.push(file)
      runs.set(runId, files)
    }
    return [...runs.values()]
  } finally {
    conn.close()
  }
}

/** Id of the last run the saved prioritisation policy learnt from, or undefined when none is saved. */
export function policyLearntUpTo(db: string): number | undefined {
  const conn = new Database(db, { readonly: true })
  try {
    const row = conn.prepare('SELECT last_run_id AS lastRunId FROM prioritiser_policies').get() as { lastRunId: number } | undefined
    return row?.lastRunId
  } finally {
    conn.close()
  }
}
