import { spawn } from 'node:child_process'

/** How a runner subprocess ended. */
export interface SpawnOutcome {
  exitCode: number | null
  timedOut: boolean
  /** The last 8 kB of stdout and stderr together. */
  output: string
}

const OUTPUT_TAIL = 8192

/**
 * Runs a runner's bin with this Node, in the project, with a hard time limit. The environment
 * drops everything that would make the child record history or fill gaps itself.
 */
export function spawnRunner(bin: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<SpawnOutcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, AQE_DISABLE: '1', AQE_GAPS: '0', CI: '1', FORCE_COLOR: '0' }
  delete env.AQE_FILL_GAPS
  delete env.NODE_OPTIONS
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    })
    let output = ''
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_TAIL)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      killTree(child.pid)
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolvePromise({ exitCode: null, timedOut, output: `${output}\n${error.message}` })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ exitCode: timedOut ? null : code, timedOut, output })
    })
  })
}

// The runner starts workers of its own; killing the process group takes them down too.
function killTree(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}
