import Database from 'better-sqlite3'

/** One stored execution, as the e2e tests check it. */
export interface StoredExecution {
  fullName: string
  file: string
  attempt: number
  final: number
  status: string
  durationMs: number | null
  errorName: string | null
  errorMessage: string | null
}

/** Every execution in a store, ordered by test name and attempt. */
export function storedExecutions(db: string): StoredExecution[] {
  const conn = new Database(db, { readonly: true })
  try {
    return conn
      .prepare(
        `SELECT t.full_name AS fullName, t.file, e.attempt, e.final, e.status, e.duration_ms AS durationMs,
                e.error_name AS errorName, e.error_message AS errorMessage
         FROM executions e JOIN tests t ON t.id = e.test_id ORDER BY t.file, t.full_name, e.attempt`,
      )
      .all() as StoredExecution[]
  } finally {
    conn.close()
  }
}

/** The runs in a store. */
export function storedRuns(db: string): { runner: string; outcome: string; shard: string | null }[] {
  const conn = new Database(db, { readonly: true })
  try {
    return conn.prepare('SELECT runner, outcome, shard FROM runs ORDER BY id').all() as {
      runner: string
      outcome: string
      shard: string | null
    }[]
  } finally {
    conn.close()
  }
}
