import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { constants, tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError, judgeRun, readVerdict, VERDICT_ENV, warnOnStderr } from '@aqe/core'

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/**
 * `aqe run -- <command…>`: runs a test command (Jest with the aqe reporter) and applies the
 * quarantine to its exit code. The command's own code is returned unless it is the runner's
 * test-failure code and every failure is a recorded, quarantined test. No verdict (the reporter
 * is not configured, the process crashed or was killed) means the original code.
 */
export async function runWithQuarantine(command: string[]): Promise<void> {
  const [program, ...args] = command
  if (!program) throw new InputError('aqe run needs a command, e.g. aqe run -- npx jest --ci')
  const dir = mkdtempSync(join(tmpdir(), 'aqe-run-'))
  const verdictFile = join(dir, 'verdict.json')
  const startedAt = new Date()
  try {
    const code = await spawnInherited(program, args, { ...process.env, [VERDICT_ENV]: verdictFile })
    const verdict = readVerdict(verdictFile)
    if (verdict?.decidedInProcess) {
      process.exitCode = code
      return
    }
    if (code !== 0 && code === verdict?.testFailureExitCode) {
      const pass = await judgeRun({
        root: verdict.root,
        db: verdict.db,
        startedAt,
        failures: verdict.failures,
        passedOnRetry: verdict.passedOnRetry,
      })
      process.exitCode = pass ? 0 : code
      return
    }
    if (code === 0 && verdict && verdict.passedOnRetry.length > 0) {
      await judgeRun({ root: verdict.root, db: verdict.db, startedAt, failures: verdict.failures, passedOnRetry: verdict.passedOnRetry })
    }
    if (code !== 0 && !verdict)
      warnOnStderr(`${program} left no aqe verdict (is the aqe reporter configured?); its exit code ${code} stands.`)
    process.exitCode = code
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function spawnInherited(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: 'inherit', env, shell: process.platform === 'win32' })
    const forward = (signal: NodeJS.Signals) => child.kill(signal)
    for (const s of SIGNALS) process.on(s, forward)
    child.on('error', (error) => reject(new InputError(`Cannot run ${program}: ${error.message}`)))
    child.on('close', (code, signal) => {
      for (const s of SIGNALS) process.off(s, forward)
      // A run killed by a signal exits like a shell reports it: 128 + the signal number.
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1))
    })
  })
}
