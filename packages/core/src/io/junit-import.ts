import { createHash } from 'node:crypto'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { InputError } from '../errors.js'
import type { AttemptRecord, RunInfo, RunOutcome } from '../record/types.js'
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
 * Parses a JUnit XML report (Jest, Vitest, Surefire, pytest and most CI tools) into runs.
 * Surefire's `flakyFailure` / `rerunFailure` elements become failed attempts before the final one.
 * aqe's own exports name each suite's run in `aqe.*` properties and come back as those runs; any
 * other report is one run keyed by the file's hash, so importing it twice adds nothing.
 */
export function parseJunit(xml: string, source: string, defaults: JunitRunDefaults = {}): StoredRun[] {
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

  const fileKey = `junit:${createHash('sha256').update(xml).digest('hex').slice(0, 16)}`
  const runs = new Map<string, StoredRun & { earliest?: string }>()
  const props = new Map<string, { outcome?: RunOutcome; endedAt?: Date }>()
  const walk = (suite: Node, inherited: Map<string, string>) => {
    const own = new Map(inherited)
    for (const p of ((suite.properties as Node | undefined)?.property as Node[] | undefined) ?? []) {
      own.set(String(p.name), String(p.value ?? p['#text'] ?? ''))
    }
    const key = own.get('aqe.runId') ?? fileKey
    let entry = runs.get(key)
    if (!entry) {
      entry = { run: runInfo(key, own, defaults), attempts: [] }
      runs.set(key, entry)
      const endedAt = own.get('aqe.endedAt')
      props.set(key, { outcome: own.get('aqe.outcome') as RunOutcome | undefined, endedAt: endedAt ? new Date(endedAt) : undefined })
    }
    const stamp = suite.timestamp ? String(suite.timestamp) : undefined
    if (stamp && !Number.isNaN(Date.parse(stamp)) && (!entry.earliest || stamp < entry.earliest)) entry.earliest = stamp
    for (const testcase of (suite.testcase as Node[] | undefined) ?? []) {
      const tries = caseAttempts(testcase, suite)
      if (tries.at(-1)?.status === 'failed') entry.end = { outcome: 'failed', endedAt: entry.run.startedAt }
      entry.attempts.push(...tries)
    }
    for (const child of (suite.testsuite as Node[] | undefined) ?? []) walk(child, own)
  }
  walk(root, new Map())

  return [...runs.values()]
    .filter((r) => r.attempts.length > 0)
    .map(({ run, attempts, end, earliest }) => {
      if (Number.isNaN(run.startedAt.getTime())) run.startedAt = earliest ? new Date(earliest) : new Date()
      const recorded = props.get(run.runKey)
      return {
        run,
        attempts,
        end: { outcome: recorded?.outcome ?? end?.outcome ?? 'passed', endedAt: recorded?.endedAt ?? run.startedAt },
      }
    })
}

function runInfo(runKey: string, props: Map<string, string>, defaults: JunitRunDefaults): RunInfo {
  return {
    runKey,
    runner: props.get('aqe.runner') ?? defaults.runner ?? 'junit',
    // An invalid date is replaced by the earliest suite timestamp once all suites are read.
    startedAt: new Date(props.get('aqe.startedAt') ?? Number.NaN),
    commit: props.get('aqe.commit') ?? defaults.commit,
    branch: props.get('aqe.branch') ?? defaults.branch,
    job: props.get('aqe.job') ?? defaults.job,
    shard: props.get('aqe.shard') ?? defaults.shard,
    project: props.get('aqe.project'),
  }
}

function caseAttempts(testcase: Node, suite: Node): AttemptRecord[] {
  const name = String(testcase.name ?? '')
  const classname = testcase.classname === undefined ? undefined : String(testcase.classname)
  const file = String(
    testcase.file ?? suite.file ?? (looksLikePath(suite.name) ? suite.name : undefined) ?? classname ?? suite.name ?? 'unknown',
  )
  const prefix = classname && classname !== file && !name.startsWith(classname) ? `${classname} > ` : ''
  const fullName = prefix + name
  const base = { file, fullName, durationMs: millis(testcase.time) }

  const retries = ['flakyFailure', 'flakyError', 'rerunFailure', 'rerunError'].flatMap((k) => (testcase[k] as Node[] | undefined) ?? [])
  const result: AttemptRecord[] = retries.map((r, attempt) => ({
    ...base,
    durationMs: millis(r.time),
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

function millis(time: unknown): number | undefined {
  const seconds = time === undefined ? Number.NaN : Number(time)
  return Number.isFinite(seconds) ? seconds * 1000 : undefined
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
