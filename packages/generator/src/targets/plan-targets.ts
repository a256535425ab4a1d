import { resolve } from 'node:path'
import type { Gap, GapReport } from '@aqe/coverage'
import type { LineSpan } from '../explore/explore-types.js'

/** One source file to fill, with its gaps best-first. */
export interface TargetFile {
  /** Absolute path. */
  sourceFile: string
  /** Path relative to the project root, as in the gap report. */
  file: string
  gaps: Gap[]
  uncovered: LineSpan[]
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/
const TEST_FILE = /(?:\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)__tests__\/)/

/**
 * The files worth filling, best first: grouped from the ranked gaps, so a file ranks by its best
 * gap; test files and non-JS/TS sources are left out. `only` keeps files whose path contains it.
 */
export function planTargets(report: GapReport, top: number, only?: string): TargetFile[] {
  const byFile = new Map<string, Gap[]>()
  for (const gap of report.gaps) {
    if (!SOURCE.test(gap.file) || TEST_FILE.test(gap.file)) continue
    if (only && !gap.file.includes(only)) continue
    const list = byFile.get(gap.file) ?? []
    list.push(gap)
    byFile.set(gap.file, list)
  }
  return [...byFile.entries()].slice(0, top).map(([file, gaps]) => ({
    file,
    sourceFile: resolve(report.root, file),
    gaps,
    uncovered: gaps.map((gap) => ({ startLine: gap.startLine, endLine: gap.endLine })),
  }))
}
