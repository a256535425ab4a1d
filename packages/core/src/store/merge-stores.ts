import { openDatabase, toStoreError } from './open-database.js'
import type { AddRunsResult, SqliteHistoryStore } from './sqlite-history-store.js'
import { ADD_STATS_FOR_ROWS } from './test-stats.js'

/**
 * Copies into `target` every run of the store at `sourcePath` that `target` lacks (matched by
 * run key), with its executions. Merging the same source twice adds nothing. The copy runs in
 * SQL over an ATTACHed database, so shards of millions of executions merge in seconds.
 */
export function mergeStore(target: SqliteHistoryStore, sourcePath: string): AddRunsResult {
  // Opening read-only first validates the source (exists, SQLite, same schema) with clear errors.
  openDatabase(sourcePath, { readonly: true }).close()
  const { db } = target
  try {
    db.prepare('ATTACH DATABASE ? AS src').run(sourcePath)
  } catch (error) {
    throw toStoreError(error, sourcePath)
  }
  try {
    return db
      .transaction((): AddRunsResult => {
        db.exec(`
          CREATE TEMP TABLE new_runs AS
            SELECT * FROM src.runs WHERE run_key NOT IN (SELECT run_key FROM main.runs);
          INSERT INTO main.tests (test_key, file, full_name)
            SELECT test_key, file, full_name FROM src.tests WHERE true ON CONFLICT (test_key) DO NOTHING;
          INSERT INTO main.runs (run_key, runner, runner_version, project, started_at, ended_at, commit_sha, branch, ci, job, shard, outcome, exit_code)
            SELECT run_key, runner, runner_version, project, started_at, ended_at, commit_sha, branch, ci, job, shard, outcome, exit_code
            FROM new_runs ORDER BY started_at, id;
        `)
        const before = db.prepare('SELECT coalesce(max(id), 0) FROM main.executions').pluck().get() as number
        const executions = db
          .prepare(
            `INSERT INTO main.executions (run_id, test_id, attempt, final, status, duration_ms, error_name, error_message, error_signature, project)
             SELECT r.id, t.id, e.attempt, e.final, e.status, e.duration_ms, e.error_name, e.error_message, e.error_signature, e.project
             FROM src.executions e
             JOIN new_runs nr ON nr.id = e.run_id
             JOIN main.runs r ON r.run_key = nr.run_key
             JOIN src.tests st ON st.id = e.test_id
             JOIN main.tests t ON t.test_key = st.test_key
             ORDER BY e.id`,
          )
          .run().changes
        // The INSERT above gave the merged executions one contiguous run of row ids.
        db.prepare(ADD_STATS_FOR_ROWS).run(before + 1, before + executions)
        const added = db.prepare('SELECT count(*) FROM new_runs').pluck().get() as number
        const total = (db.prepare('SELECT count(*) AS n FROM src.runs').get() as { n: number }).n
        db.exec('DROP TABLE temp.new_runs')
        return { runsAdded: added, runsSkipped: total - added, executionsAdded: executions }
      })
      .immediate()
  } catch (error) {
    throw toStoreError(error, target.path)
  } finally {
    db.exec('DETACH DATABASE src')
  }
}
