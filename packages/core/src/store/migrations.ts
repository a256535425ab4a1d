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

  -- Per-test totals, kept in step with executions by every write, so that summaries cost the
  -- number of tests, not the number of executions (an index on executions.test_id would cost
  -- every insert a random B-tree write instead).
  CREATE TABLE test_stats (
    test_id       INTEGER PRIMARY KEY REFERENCES tests (id),
    executions    INTEGER NOT NULL,
    finals        INTEGER NOT NULL,
    passed        INTEGER NOT NULL,
    failed        INTEGER NOT NULL,
    failed_finals INTEGER NOT NULL,
    skipped       INTEGER NOT NULL,
    todo          INTEGER NOT NULL,
    timed         INTEGER NOT NULL,
    duration_ms   REAL NOT NULL
  );
  `,
  },
  {
    name: '0003-llm-telemetry',
    sql: `
  CREATE TABLE llm_requests (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    provider       TEXT NOT NULL,
    model          TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('ok', 'error', 'timeout', 'blocked')),
    latency_ms     REAL NOT NULL,
    prompt_tokens  INTEGER,
    output_tokens  INTEGER,
    cost_usd       REAL,
    fallback       INTEGER NOT NULL DEFAULT 0,
    fallback_reason TEXT,
    privacy_mode   TEXT NOT NULL,
    error          TEXT
  );
  CREATE INDEX llm_requests_at ON llm_requests (at);
  `,
  },
  {
    name: '0002-prioritiser',
    sql: `
  CREATE TABLE prioritiser_policies (
    scope       TEXT PRIMARY KEY,
    last_run_id INTEGER NOT NULL,
    options_key TEXT NOT NULL,
    policy      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  `,
  },
]
