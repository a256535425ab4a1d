import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ChildMessage } from './child-protocol.js'

/** What the child reported, and how it ended. */
export interface ChildRun {
  messages: ChildMessage[]
  /** Whether the parent had to kill it at the budget. */
  killed: boolean
  exitCode: number | null
  /** The last of what it (or the module under test) wrote to stderr. */
  stderrTail: string
}

/**
 * Runs the explorer child with a hard time limit. The built child is plain JS; from source
 * (this package's own tests) it is TS and runs through tsx, which TS modules under test need anyway.
 */
export function runChild(configPath: string, cwd: string, needsTsx: boolean, limitMs: number, signal?: AbortSignal): Promise<ChildRun> {
  const builtChild = fileURLToPath(new URL('./explorer-child.js', import.meta.url))
  const child = existsSync(builtChild) ? builtChild : fileURLToPath(new URL('./explorer-child.ts', import.meta.url))
  const args = ['--disable-warning=ExperimentalWarning']
  if (needsTsx || child.endsWith('.ts')) args.push('--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href)
  args.push(child, configPath)
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] })
    const messages: ChildMessage[] = []
    let pending = ''
    let stderrTail = ''
    let killed = false
    proc.stdout?.resume() // whatever the module prints is drained and ignored
    proc.stderr?.on('data', (chunk: Buffer) => {
      if (process.env.AQE_EXPLORE_DEBUG) process.stderr.write(chunk)
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000)
    })
    const channel = proc.stdio[3] as NodeJS.ReadableStream
    channel.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8')
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) if (line.trim()) messages.push(JSON.parse(line) as ChildMessage)
    })
    const kill = () => {
      killed = true
      proc.kill('SIGKILL')
    }
    const timer = setTimeout(kill, limitMs)
    signal?.addEventListener('abort', kill, { once: true })
    proc.on('close', (exitCode) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', kill)
      resolve({ messages, killed, exitCode, stderrTail })
    })
  })
}
