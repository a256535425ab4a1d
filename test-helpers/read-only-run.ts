import { chmodSync } from 'node:fs'
import { calcFixture } from './fixture.js'
import { type ProcessResult, runProcess } from './run-process.js'

/**
 * Runs `node argv…` in the fixture with `dir` read-only: unprivileged users get chmod; root, which
 * ignores file modes, gets a read-only bind mount in a private mount namespace (so it works
 * wherever the repository lives, unlike switching to another user, who may not reach it).
 */
export function readOnlyRun(dir: string, argv: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555)
    return runProcess(process.execPath, argv, { cwd: calcFixture, env }).finally(() => chmodSync(dir, 0o755))
  }
  const script = 'mount -o bind,ro "$1" "$1" && shift && exec "$@"'
  return runProcess('unshare', ['-m', 'sh', '-c', script, 'sh', dir, process.execPath, ...argv], { cwd: calcFixture, env })
}
