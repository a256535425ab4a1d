import type { CallRecord } from './child-protocol.js'
import type { ExploredTest, ExploreResult } from './explore-types.js'
import { CALLBACK_WAIT_MS } from './observe-call.js'
import { quote } from './serialise-value.js'

const INDENT = '    '
const PRIMITIVE = /^(-?\d|-?Infinity$|true$|false$|null$|'|-?\d+n$)/

/** The title of a test: the call (receiver inlined) and what it did, truncated. */
export function titleOf(record: CallRecord): string {
  let call = record.call
  for (const line of [...record.setup].reverse()) {
    const m = /^const (\S+) = (.*)$/s.exec(line)
    if (m) call = call.replace(new RegExp(`^${(m[1] as string).replace(/\$/g, '\\$')}\\b`), `${m[2]}`)
  }
  const o = record.outcome
  const what =
    o.kind === 'returns'
      ? `returns ${short(o.literal, 40)}`
      : o.kind === 'resolves'
        ? `resolves to ${short(o.literal, 40)}`
        : o.kind === 'throws'
          ? `throws${o.errorName ? ` ${o.errorName}` : ''}`
          : o.kind === 'rejects'
            ? `rejects${o.errorName ? ` with ${o.errorName}` : ''}`
            : `returns ${o.type === 'object' ? 'an object' : `a ${o.type}`}`
  return `${short(call, 70)} ${what}`
}

/** One `it(...)` block for a kept call. */
export function renderTest(record: CallRecord, title: string, typescript: boolean): string {
  const body: string[] = []
  if (record.usesCalls) body.push(typescript ? 'const calls: unknown[][] = []' : 'const calls = []')
  body.push(...record.setup)
  const wait = `await new Promise((resolve) => setTimeout(resolve, ${CALLBACK_WAIT_MS}))`
  const o = record.outcome
  let isAsync = record.waits
  if (o.kind === 'throws') {
    body.push(`expect(() => ${record.call}).toThrow(${throwArg(o.message, o.errorName)})`)
    if (record.waits) body.push(wait)
  } else if (o.kind === 'rejects') {
    isAsync = true
    body.push(`await expect(${record.call}).rejects.toThrow(${throwArg(o.message, o.errorName)})`)
    if (record.waits) body.push(wait)
  } else {
    const awaits = o.kind === 'resolves' || o.kind === 'resolvesType'
    isAsync ||= awaits
    let subject = `${awaits ? 'await ' : ''}${record.call}`
    if (record.waits) {
      body.push(`const result = ${subject}`, wait)
      subject = 'result'
    }
    body.push(
      o.kind === 'returns' || o.kind === 'resolves' ? assertLiteral(subject, o.literal) : `expect(typeof (${subject})).toBe('${o.type}')`,
    )
  }
  if (record.usesCalls)
    body.push(
      record.callsLiteral !== undefined
        ? `expect(calls).toEqual(${record.callsLiteral})`
        : `expect(calls).toHaveLength(${record.callsCount})`,
    )
  const lines = body.flatMap((l) => l.split('\n')).map((l) => `${INDENT}${l}`)
  return `  it(${titleLiteral(title)}, ${isAsync ? 'async ' : ''}() => {\n${lines.join('\n')}\n  })`
}

/**
 * A complete test file: the result's header and one `describe` holding the given tests
 * (all of the result's tests by default).
 */
export function renderTestFile(result: ExploreResult, describeName: string, tests: ExploredTest[] = result.tests): string {
  return `${result.header}\n\ndescribe(${titleLiteral(describeName)}, () => {\n${tests.map((t) => t.code).join('\n\n')}\n})\n`
}

/** Makes titles unique by numbering repeats. */
export function dedupeTitles(titles: string[]): string[] {
  const seen = new Map<string, number>()
  return titles.map((t) => {
    const n = (seen.get(t) ?? 0) + 1
    seen.set(t, n)
    return n === 1 ? t : `${t} (${n})`
  })
}

function assertLiteral(subject: string, literal: string): string {
  if (literal === 'undefined') return `expect(${subject}).toBeUndefined()`
  if (literal === 'NaN') return `expect(${subject}).toBeNaN()`
  return `expect(${subject}).${PRIMITIVE.test(literal) ? 'toBe' : 'toEqual'}(${literal})`
}

function throwArg(message: string, errorName: string): string {
  if (!errorName && !message) return ''
  // The first line is enough to pin the error; long messages often embed volatile detail.
  const first = message.split('\n')[0]?.slice(0, 120) ?? ''
  return first ? quote(first) : ''
}

function titleLiteral(title: string): string {
  return title.includes("'") && !title.includes('"') ? JSON.stringify(title) : quote(title)
}

function short(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}
