import { Script } from 'node:vm'
import type { Outcome } from './child-protocol.js'
import { serialiseValue } from './serialise-value.js'

/** What one run of a call showed. */
export interface Observation {
  outcome: Outcome
  /** The raw value returned (or resolved), for feedback. */
  value: unknown
  callsCount: number
  callsLiteral?: string
  /** Callbacks fired after the call returned, so the test must wait a moment. */
  waits: boolean
  /** Why the call cannot become a test (exit, file write, timeout, uncaught error), if it cannot. */
  unusable?: string
}

/** Thrown by the child's stand-ins for process.exit and file writes: such calls are never kept. */
export class ForbiddenEffect extends Error {}

/** Milliseconds a generated test waits for callbacks; the child waits the same. */
export const CALLBACK_WAIT_MS = 10

const SCOPE = '__aqeExploreScope'

/**
 * Runs `setup; return call` in this context with a time limit (vm interrupts synchronous loops),
 * awaits a thenable result, waits for callbacks, and describes the outcome as the test will
 * assert it.
 */
export async function observeCall(
  setup: string[],
  call: string,
  bindings: Record<string, unknown>,
  timeoutMs: number,
): Promise<Observation> {
  const calls: unknown[][] = []
  const names = Object.keys(bindings)
  const scope = globalThis as Record<string, unknown>
  scope[SCOPE] = { ...bindings, calls }
  const source = `(() => { const { calls, ${names.join(', ')} } = globalThis.${SCOPE}\n${setup.join('\n')}\nreturn (${call}) })()`
  let result: unknown
  try {
    result = new Script(source).runInThisContext({ timeout: timeoutMs })
  } catch (error) {
    if (error instanceof ForbiddenEffect) return unusable(`forbidden: ${error.message}`)
    if (isTimeout(error)) return unusable('timeout')
    const { name, message } = describeError(error)
    return finish({ kind: 'throws', errorName: name, message }, undefined, calls, calls.length, source)
  } finally {
    delete scope[SCOPE]
  }
  const syncCalls = calls.length
  if (isThenable(result)) {
    const settled = await settle(result, timeoutMs)
    if (settled.state === 'pending') return unusable('promise did not settle')
    if (settled.state === 'rejected') {
      if (settled.value instanceof ForbiddenEffect) return unusable('forbidden')
      const { name, message } = describeError(settled.value)
      return finish({ kind: 'rejects', errorName: name, message }, undefined, calls, syncCalls, source)
    }
    const literal = serialiseValue(settled.value, { functionsAsAny: true })
    const outcome: Outcome = literal !== undefined ? { kind: 'resolves', literal } : { kind: 'resolvesType', type: typeName(settled.value) }
    return finish(outcome, settled.value, calls, syncCalls, source)
  }
  const literal = serialiseValue(result, { functionsAsAny: true })
  const outcome: Outcome = literal !== undefined ? { kind: 'returns', literal } : { kind: 'returnsType', type: typeName(result) }
  return finish(outcome, result, calls, syncCalls, source)
}

async function finish(outcome: Outcome, value: unknown, calls: unknown[][], syncCalls: number, source: string): Promise<Observation> {
  // Only a callback can record a late call; without one there is nothing to wait for.
  if (/\bcalls\.push\b/.test(source)) await new Promise((resolve) => setTimeout(resolve, CALLBACK_WAIT_MS))
  const observation: Observation = { outcome, value, callsCount: calls.length, waits: calls.length > syncCalls }
  const literal = calls.length > 0 ? serialiseValue(calls, { functionsAsAny: true }) : '[]'
  if (literal !== undefined) observation.callsLiteral = literal
  if (calls.some((args) => args.some((a) => a instanceof ForbiddenEffect))) observation.unusable = 'forbidden'
  return observation
}

function unusable(reason: string): Observation {
  return { outcome: { kind: 'returnsType', type: 'undefined' }, value: undefined, callsCount: 0, waits: false, unusable: reason }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'
  )
}

async function settle(
  promise: PromiseLike<unknown>,
  timeoutMs: number,
): Promise<{ state: 'fulfilled' | 'rejected' | 'pending'; value?: unknown }> {
  let timer: NodeJS.Timeout | undefined
  const pending = new Promise<{ state: 'pending' }>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'pending' }), timeoutMs)
  })
  try {
    return await Promise.race([
      Promise.resolve(promise).then(
        (value) => ({ state: 'fulfilled' as const, value }),
        (value: unknown) => ({ state: 'rejected' as const, value }),
      ),
      pending,
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** The `typeof`-style name a test can assert when the value has no literal. */
export function typeName(value: unknown): string {
  return value === null ? 'null' : typeof value
}

function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const e = error as { name?: unknown; message?: unknown }
    return { name: String(e.name ?? 'Error'), message: String(e.message ?? '') }
  }
  return { name: '', message: '' }
}

function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
}
