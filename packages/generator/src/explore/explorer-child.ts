/**
 * The exploring child process: loads the module under test, walks its exports, calls them with
 * mined and generic arguments, and reports each call that reached new code (one JSON line per
 * message on fd 3, so whatever the module prints cannot garble the protocol).
 */
import { readFileSync, writeSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { createRequire } from 'node:module'
import { relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ChildConfig, ChildMessage } from './child-protocol.js'
import { CoverageTracker } from './coverage-tracker.js'
import { exploreTargets, replayRecords } from './explore-loop.js'
import { type ExploreTarget, walkExports } from './explore-target.js'
import { guardEffects } from './guard-effects.js'

const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as ChildConfig
const send = (message: ChildMessage) => writeSync(3, `${JSON.stringify(message)}\n`)
const exit = guardEffects([process.cwd(), config.packageDir])
const isOwn = (path: string) => {
  const rel = relative(config.packageDir, path)
  return !rel.startsWith('..') && !rel.split(sep).includes('node_modules')
}

async function main(): Promise<void> {
  const session = new Session()
  session.connect()
  const tracker = new CoverageTracker(session, config.sourceFile, isOwn, config.uncoveredLines)
  await tracker.start()
  const bindings: Record<string, unknown> = {}
  const targets: ExploreTarget[] = []
  try {
    const loaded = await withDeadline(load(), config.deadline)
    if (config.loader === 'require') {
      bindings[config.defaultBinding] = loaded
      walkExports(loaded, config.defaultBinding, ['default'], [], 0, targets)
    } else {
      for (const [key, value] of Object.entries(loaded as Record<string, unknown>)) {
        const name = key === 'default' ? config.defaultBinding : key
        if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === 'calls' || bindings[name] !== undefined) continue
        bindings[name] = value
        walkExports(value, name, [key], [], 0, targets)
      }
    }
  } catch (error) {
    send({ type: 'problem', message: `cannot load ${config.sourceFile}: ${error instanceof Error ? error.message : String(error)}` })
    return
  }
  if (config.replay) {
    send({ type: 'loaded', targets: targets.length })
    return replayRecords(config.replay, bindings, config, send)
  }
  // What loading ran is covered by any test that imports the module: it is the baseline.
  ;(await tracker.take()).commit()
  send({ type: 'loaded', targets: targets.length })
  if (targets.length === 0) send({ type: 'problem', message: 'the module exports no functions or classes' })
  const calls = await exploreTargets(targets, bindings, tracker, config, send)
  send({ type: 'calls', count: calls })
}

async function load(): Promise<unknown> {
  if (config.loader === 'require') return createRequire(config.sourceFile)(config.sourceFile)
  return import(pathToFileURL(config.sourceFile).href)
}

async function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('loading did not finish within the budget')), Math.max(0, deadline - Date.now()))
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

main()
  .catch((error: unknown) => send({ type: 'problem', message: `explorer failed: ${error instanceof Error ? error.stack : String(error)}` }))
  .finally(() => {
    send({ type: 'done' })
    exit(0)
  })
