import type { FileCoverageData } from 'istanbul-lib-coverage'

/** One file's entry in the text of a coverage-final.json, not parsed yet. */
export interface CoverageEntry {
  /** The entry's key: the path of the file it covers. */
  key: string
  /** Where the entry's value (a FileCoverage's JSON) starts and ends in the text. */
  start: number
  end: number
}

/** Where an entry's value starts: istanbul writes `path` first in every FileCoverage. */
const VALUE_START = /\{\s*"path"\s*:/g

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/**
 * Splits the text of a coverage-final.json object into its entries without parsing them, so that
 * each file's coverage can be parsed, used and dropped in turn: parsed whole, a 28 MB map lives on
 * as some 100 MB of objects that the garbage collector copies and marks again and again.
 *
 * Returns undefined when the text is not laid out as expected (an entry whose value does not start
 * with `path`, a repeated or numeric key…): the caller then parses it whole. A split it returns is
 * exact as long as every entry's text parses as one JSON value, since the text is then the object
 * `{"key":value, …}` of those entries; the caller checks that as it parses them.
 */
export function splitCoverageEntries(text: string): CoverageEntry[] | undefined {
  const starts: number[] = []
  for (const match of text.matchAll(VALUE_START)) starts.push(match.index)
  if (starts.length === 0) return undefined
  const entries: CoverageEntry[] = []
  const keys = new Set<string>()
  let previousStart = -1
  for (const start of starts) {
    const key = keyBefore(text, start)
    if (!key) return undefined
    const separator = text.charCodeAt(key.before)
    if (previousStart < 0) {
      // The first entry follows the object's `{` and nothing else.
      if (separator !== 0x7b || !isBlank(text, 0, key.before)) return undefined
    } else {
      // A value that starts with `{"path":` nested inside an entry is caught here or by the parse.
      if (separator !== 0x2c) return undefined
      ;(entries[entries.length - 1] as CoverageEntry).end = key.before
    }
    // Integer-like keys would come first in the parsed object, changing the order of the files.
    if (keys.has(key.name) || /^(?:0|[1-9]\d*)$/.test(key.name)) return undefined
    keys.add(key.name)
    entries.push({ key: key.name, start, end: start })
    previousStart = start
  }
  let end = text.length - 1
  while (end > previousStart && isSpace(text.charCodeAt(end))) end--
  if (text.charCodeAt(end) !== 0x7d) return undefined
  ;(entries[entries.length - 1] as CoverageEntry).end = end
  return entries
}

/** Parses one entry's value, checking it is what istanbul-lib-coverage requires of a file's coverage (FileCoverage's assertValidObject). */
export function parseCoverageEntry(text: string, start: number, end: number): FileCoverageData {
  const data = JSON.parse(text.slice(start, end)) as Partial<FileCoverageData> | null
  const valid =
    typeof data === 'object' &&
    data !== null &&
    !!data.path &&
    !!data.statementMap &&
    !!data.fnMap &&
    !!data.branchMap &&
    !!data.s &&
    !!data.f &&
    !!data.b
  if (!valid) throw new Error('not a FileCoverage')
  return data as FileCoverageData
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false
  return true
}

/** The key before the value at `valueStart` (`"key": {…`), and where the text before the key ends (at `,` or `{`). */
function keyBefore(text: string, valueStart: number): { name: string; before: number } | undefined {
  let i = valueStart - 1
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--
  if (text.charCodeAt(i) !== 0x3a) return undefined
  i--
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--
  if (text.charCodeAt(i) !== 0x22) return undefined
  const keyEnd = i + 1
  // The opening quote is the first one before that is not escaped (an odd run of backslashes escapes it).
  let open = i - 1
  for (;;) {
    open = text.lastIndexOf('"', open)
    if (open < 0) return undefined
    let slashes = 0
    while (text.charCodeAt(open - 1 - slashes) === 0x5c) slashes++
    if (slashes % 2 === 0) break
    open--
  }
  let name: unknown
  try {
    name = JSON.parse(text.slice(open, keyEnd))
  } catch {
    return undefined
  }
  if (typeof name !== 'string') return undefined
  i = open - 1
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--
  return i < 0 ? undefined : { name, before: i }
}
