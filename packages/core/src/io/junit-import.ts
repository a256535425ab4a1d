import { createHash } from 'node:crypto'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { InputError } from '../errors.js'
import type { AttemptRecord, RunInfo } from '../record/types.js'
import type { StoredRun } from '../store/sqlite-history-store.js'

type Node = Record<string, unknown>

const ARRAYS = new Set([
  'testsuite',
  'testcase',
  'property',
  'failure',
  'error',
  'flakyFailure',
  'flakyError',
  'rerunFailure',
  'rerunError',
])

/** Run identity for a JUnit file, which carries little of it; aqe's own exports carry all of it as properties. */
export interface JunitRunDefaults {
  runner?: string
  commit?: string
  branch?: string
  job?: string
  shard?: string
}

/**
 * Parses a JUnit XML report (Jest, Vitest, Surefire, pytest and most CI tools) into one run.
 * Surefire's `flakyFailure` / `rerunFailure` elements become failed attempts before the final one.
 * Without an `aqe.runId` property the run key is the file's hash, so importing it twice adds nothing.
 */
export function parseJunit(xml: string, source: string, defaults: JunitRunDefaults = {}): StoredRun {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    throw new InputError(`${source}:${valid.err.line}: not well-formed XML (${valid.err.msg}). Pass a JUnit XML report.`)
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: '#text',
    parseAttributeValue: false,
    isArray: (name) => ARRAYS.has(name),
  })
  const doc = parser.parse(xml) as Node
  const root = (doc.testsuites ?? (doc.testsuite ? { testsuite: doc.testsuite } : undefined)) as Node | undefined
  if (!root) throw new InputError(`${source}: no <testsuites> or <testsuite> element. Pass a JUnit XML report.`)

  const props = new Map<string, string>()
  const attempts: AttemptRecord[] = []
  let earliest: string | undefined
  let failed = false
  const walk = (suite: Node) => {
    for (const p of ((suite.properties as Node | undefined)?.property as Node[] | undefined) ?? []) {
      props.set(String(p.name), String(p.value ?? p['#text'] ?? ''))
    }
    const stamp = suite.timestamp ? String(suite.timestamp) : undefined
    if (stamp && !Number.isNaN(Date.parse(stamp)) && (!earliest || stamp < earliest)) earliest = stamp
    for (const testcase of (suite.testcase as Node[] | undefined) ?? []) {
      const tries = caseAttempts(testcase, suite)
      if (tries.at(-1)?.status === 'failed') failed = true
      attempts.push(...tries)
    }
    for (const child of (suite.testsuite as Node[] | undefined) ?? []) walk(child)
  }
  walk(root)

  const run: RunInfo = {
    runKey: props.get('aqe.runId') ?? `junit:${createHash('sha256').update(xml).digest('hex').slice(0, 16)}`,
    runner: props.get('aqe.runner') ?? defaults.runner ?? 'junit',
    startedAt: new Date(props.get('aqe.startedAt') ?? earliest ?? Date.now()),
    commit: props.get('aqe.commit') ?? defaults.commit,
    branch: props.get('aqe.branch') ?? defaults.branch,
    job: props.get('aqe.job') ?? defaults.job,
    shard: props.get('aqe.shard') ?? defaults.shard,
    project: props.get('aqe.project'),
  }
  return { run, end: { outcome: failed ? 'failed' : 'passed', endedAt: run.startedAt }, attempts }
}

function caseAttempts(testcase: Node, suite: Node): AttemptRecord[] {
  const name = String(testcase.name ?? '')
  const classname = testcase.classname === undefined ? undefined : String(testcase.classname)
  const file = String(
    testcase.file ?? suite.file ?? (looksLikePath(suite.name) ? suite.name : undefined) ?? classname ?? suite.name ?? 'unknown',
  )
  const prefix = classname && classname !== file && !name.startsWith(classname) ? `${classname} > ` : ''
  const fullName = prefix + name
  const seconds = Number(testcase.time)
  const base = { file, fullName, durationMs: Number.isFinite(seconds) ? seconds * 1000 : undefined }

  const retries = ['flakyFailure', 'flakyError', 'rerunFailure', 'rerunError'].flatMap((k) => (testcase[k] as Node[] | undefined) ?? [])
  const result: AttemptRecord[] = retries.map((r, attempt) => ({
    ...base,
    durationMs: undefined,
    attempt,
    status: 'failed',
    ...errorOf(r),
  }))
  const failure = [...((testcase.failure as Node[] | undefined) ?? []), ...((testcase.error as Node[] | undefined) ?? [])][0]
  const attempt = retries.length
  if (failure) result.push({ ...base, attempt, status: 'failed', ...errorOf(failure) })
  else if (testcase.skipped !== undefined) {
    const skipped = testcase.skipped as Node | string
    const todo = typeof skipped === 'object' && /todo/i.test(String(skipped.message ?? ''))
    result.push({ ...base, attempt, status: todo ? 'todo' : 'skipped' })
  } else result.push({ ...base, attempt, status: 'passed' })
  return result
}

function errorOf(node: Node | string): { errorName?: string; errorMessage?: string } {
  if (typeof node === 'string') return { errorMessage: node }
  const message = node.message === undefined ? undefined : String(node.message)
  const text = node['#text'] === undefined ? undefined : String(node['#text'])
  return { errorName: node.type === undefined ? undefined : String(node.type), errorMessage: message ?? text }
}

function looksLikePath(value: unknown): value is string {
  return typeof value === 'string' && /[\\/]|\.(?:[cm]?[jt]sx?)$/.test(value)
}
