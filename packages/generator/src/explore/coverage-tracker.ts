import type { Session } from 'node:inspector/promises'
import { SourceMap } from 'node:module'
import { fileURLToPath } from 'node:url'

interface ScriptCoverage {
  scriptId: string
  url: string
  functions: { ranges: { startOffset: number; endOffset: number; count: number }[] }[]
}

/** What one call newly reached. */
export interface CoverageDelta {
  /** New non-blank offsets in the module and its package's own files. */
  fresh: number
  /** New non-blank offsets inside the still-uncovered lines of the module. */
  gapHits: number
  /** New lines of the module under test (1-based, original source lines). */
  lines: number[]
  commit(): void
}

interface Script {
  text: string
  covered: Uint8Array
  lineOf: (offset: number) => number
}

/**
 * Precise V8 block coverage, one call at a time: `takePreciseCoverage` resets the counters, so
 * each take is the delta of the call just made. Ranges are painted per script (outer functions
 * first, nested blocks override), giving the character offsets that ran.
 */
export class CoverageTracker {
  readonly #session: Session
  readonly #isOwn: (path: string) => boolean
  readonly #moduleFile: string
  readonly #uncovered: Set<number>
  readonly #scripts = new Map<string, Script>()

  constructor(session: Session, moduleFile: string, isOwn: (path: string) => boolean, uncoveredLines: number[]) {
    this.#session = session
    this.#moduleFile = moduleFile
    this.#isOwn = isOwn
    this.#uncovered = new Set(uncoveredLines)
  }

  /** Starts collecting; call before the module loads. */
  async start(): Promise<void> {
    await this.#session.post('Profiler.enable')
    await this.#session.post('Debugger.enable')
    await this.#session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true })
  }

  /** Takes the coverage since the last take. */
  async take(): Promise<CoverageDelta> {
    const { result } = (await this.#session.post('Profiler.takePreciseCoverage')) as unknown as { result: ScriptCoverage[] }
    const pending: { script: Script; painted: Uint8Array; isModule: boolean }[] = []
    let fresh = 0
    let gapHits = 0
    const lines = new Set<number>()
    for (const cov of result) {
      const path = toPath(cov.url)
      if (!path || !this.#isOwn(path)) continue
      const script = await this.#script(cov.scriptId)
      const painted = paint(cov, script.text.length)
      const isModule = path === this.#moduleFile
      for (let i = 0; i < painted.length; i++) {
        if (!painted[i] || script.covered[i] || isBlank(script.text.charCodeAt(i))) continue
        fresh++
        if (!isModule) continue
        const line = script.lineOf(i)
        if (line > 0) lines.add(line)
        if (this.#uncovered.has(line)) gapHits++
      }
      pending.push({ script, painted, isModule })
    }
    return {
      fresh,
      gapHits,
      lines: [...lines].sort((a, b) => a - b),
      commit: () => {
        for (const { script, painted } of pending) for (let i = 0; i < painted.length; i++) if (painted[i]) script.covered[i] = 1
      },
    }
  }

  async #script(scriptId: string): Promise<Script> {
    const known = this.#scripts.get(scriptId)
    if (known) return known
    const { scriptSource } = (await this.#session.post('Debugger.getScriptSource', { scriptId })) as { scriptSource: string }
    const script = { text: scriptSource, covered: new Uint8Array(scriptSource.length), lineOf: lineMapper(scriptSource) }
    this.#scripts.set(scriptId, script)
    return script
  }
}

function paint(cov: ScriptCoverage, length: number): Uint8Array {
  const painted = new Uint8Array(length)
  const functions = [...cov.functions].sort((a, b) => {
    const ra = a.ranges[0]
    const rb = b.ranges[0]
    if (!ra || !rb) return 0
    return ra.startOffset - rb.startOffset || rb.endOffset - rb.startOffset - (ra.endOffset - ra.startOffset)
  })
  for (const fn of functions) {
    for (const range of fn.ranges) painted.fill(range.count > 0 ? 1 : 0, range.startOffset, Math.min(range.endOffset, length))
  }
  return painted
}

/** Offset → 1-based original line, through an inline source map when the runtime transformed the file (tsx). */
function lineMapper(text: string): (offset: number) => number {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  const lineIndex = (offset: number) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  const inline = /\/\/# sourceMappingURL=data:application\/json(?:;charset=utf-8)?;base64,([A-Za-z0-9+/=]+)\s*$/.exec(text)
  if (!inline?.[1]) return (offset) => lineIndex(offset) + 1
  const map = new SourceMap(JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')))
  return (offset) => {
    const line = lineIndex(offset)
    const entry = map.findEntry(line, offset - (starts[line] as number)) as { originalLine?: number }
    return entry.originalLine === undefined ? 0 : entry.originalLine + 1
  }
}

function toPath(url: string): string | undefined {
  if (url.startsWith('file://')) return fileURLToPath(url)
  return url.startsWith('/') ? url : undefined
}

function isBlank(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 59 || code === 44
}
