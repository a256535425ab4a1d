/** One schema change; `name` is recorded in the store's `aqe_migrations` table once applied. */
export interface Migration {
  name: string
  sql: string
}

/**
 * Schema migrations, applied in order, each once. Features that need tables append their own
 * migration with a unique name; never edit a released one.
 */
export const migrations: readonly Migration[] = [
  {
    name: '0001-history',
    sql: `
  CREATE TABLE runs (
    id             INTEGER PRIMARY KEY,
    run_key        TEXT NOT NULL UNIQUE,
    runner         TEXT NOT NULL,
    runner_version TEXT,
    project        TEXT,
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    commit_sha     TEXT,
    branch         TEXT,
    ci             TEXT,
    job            TEXT,
    shard          TEXT,
    outcome        TEXT NOT NULL DEFAULT 'running'
                   CHECK (outcome IN ('running', 'passed', 'failed', 'interrupted')),
    exit_code      INTEGER
  );
  CREATE INDEX runs_started ON runs (started_at);
  CREATE INDEX runs_commit ON runs (commit_sha);

  CREATE TABLE tests (
    id        INTEGER PRIMARY KEY,
    test_key  TEXT NOT NULL UNIQUE,
    file      TEXT NOT NULL,
    full_name TEXT NOT NULL
  );

  CREATE TABLE executions (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    test_id         INTEGER NOT NULL REFERENCES tests (id),
    attempt         INTEGER NOT NULL,
    final           INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'skipped', 'todo')),
    duration_ms     REAL,
    error_name      TEXT,
    error_message   TEXT,
    error_signature TEXT,
    project         TEXT
  );
  CREATE INDEX executions_run ON executions (run_id);
  CREATE INDEX executions_test ON executions (test_id, status, duration_ms);
  `,
  },
]
