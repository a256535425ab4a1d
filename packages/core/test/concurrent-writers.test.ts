import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../../test-helpers/fixture.js'
import { runProcess } from '../../../test-helpers/run-process.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { migrations } from '../src/store/migrations.js'

const core = pathToFileURL(join(repoRoot, 'packages/core/dist/index.js')).href

// Each writer records 20 runs of 50 tests, one file (transaction) at a time, like a reporter.
const writer = `
import { RunRecorder } from '${core}'
const [dbPath, id] = process.argv.slice(1)
for (let r = 0; r < 20; r++) {
  const recorder = new RunRecorder({ dbPath, run: { runKey: id + '-' + r, runner: 'vitest', startedAt: new Date() } })
  for (let f = 0; f < 5; f++) {
    recorder.record(Array.from({ length: 10 }, (_, t) => ({ file: 'f' + f + '.test.ts', fullName: 'test ' + t, attempt: 0, status: 'passed', durationMs: 1 })))
  }
  recorder.finish({ outcome: 'passed', endedAt: new Date() })
}
`

describe('concurrent writers', () => {
  const tempDir = useTempDir()

  it('lose nothing when four processes write one new store at once', async () => {
    const dbPath = join(tempDir(), 'shared', 'history.db')
    const results = await Promise.all(
      [1, 2, 3, 4].map((id) => runProcess(process.execPath, ['--input-type=module', '-e', writer, dbPath, `w${id}`], { cwd: repoRoot })),
    )
    for (const result of results) {
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
    }
    const db = new Database(dbPath, { readonly: true })
    expect(db.prepare("SELECT count(*) FROM runs WHERE outcome = 'passed'").pluck().get()).toBe(80)
    expect(db.prepare('SELECT count(*) FROM executions').pluck().get()).toBe(80 * 50)
    expect(db.prepare('SELECT count(*) FROM tests').pluck().get()).toBe(50)
    expect(db.prepare('SELECT count(*) FROM aqe_migrations').pluck().get()).toBe(migrations.length)
    db.close()
  })
})
