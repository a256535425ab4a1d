import type { FileCoverageData } from 'istanbul-lib-coverage'
import { branchLabel } from './branch-label.js'
import type { FileComplexity } from './complexity.js'
import { crapScore } from './crap-score.js'
import { contains, hasPosition, innermost, type SourceRange } from './source-range.js'
import type { Gap } from './types.js'

/** A gap before ranking: located and measured, without score and reasons. */
export type LocatedGap = Omit<Gap, 'score' | 'reasons' | 'churn' | 'changed' | 'critical'>

const TOP_LEVEL = '(top level)'

interface Measured {
  functionName: string
  complexity: number
  crap: number
}

/**
 * Finds the gaps of one file: every uncovered function, every untaken branch arm outside those
 * functions, and every run of uncovered statements outside them (a run stops at a covered
 * statement or a function boundary). What lies inside an uncovered function is counted in the
 * function's gap, so the gaps add up to istanbul's uncovered totals exactly.
 */
export function findFileGaps(file: string, data: FileCoverageData, complexity: FileComplexity): LocatedGap[] {
  const astFunctions = complexity.functions
  const statements = Object.keys(data.statementMap)
    .map((id) => ({ range: data.statementMap[id] as SourceRange, hits: data.s[id] ?? 0 }))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column)
  const owner = statements.map((s) => innermost(astFunctions, s.range))
  const coverageOf = functionCoverage(owner, statements, astFunctions.length)
  // One measurement per function (index + 1; 0 is the top level), shared by all the gaps in it.
  const measurements: (Measured | undefined)[] = new Array(astFunctions.length + 1)
  const measure = (fn: number): Measured => {
    let m = measurements[fn + 1]
    if (!m) {
      const comp = fn < 0 ? complexity.topLevel : (astFunctions[fn]?.complexity ?? 1)
      m = {
        functionName: fn < 0 ? TOP_LEVEL : (astFunctions[fn]?.name ?? TOP_LEVEL),
        complexity: comp,
        crap: crapScore(comp, coverageOf(fn)),
      }
      measurements[fn + 1] = m
    }
    return m
  }

  const functionGaps: { range: SourceRange; gap: LocatedGap }[] = []
  for (const id of Object.keys(data.fnMap)) {
    if ((data.f[id] ?? 0) > 0) continue
    const mapping = data.fnMap[id]
    if (!mapping || !hasPosition(mapping.loc)) continue
    const range = functionRange(mapping.decl, mapping.loc)
    const fn = matchFunction(astFunctions, range)
    const measured = measure(fn)
    const name = fn < 0 && !mapping.name.startsWith('(anonymous') ? mapping.name : measured.functionName
    functionGaps.push({ range, gap: located(file, 'function', range, { ...measured, functionName: name }, 0, 0) })
  }
  // innermost() wants outer functions before inner ones, which is start order.
  functionGaps.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column)
  const functionRanges = functionGaps.map((g) => g.range)
  const insideUncoveredFunction = (range: SourceRange) => {
    const index = innermost(functionRanges, range)
    return index < 0 ? undefined : functionGaps[index]?.gap
  }

  const gaps: LocatedGap[] = functionGaps.map((g) => g.gap)
  let run: { range: SourceRange; count: number; fn: number } | undefined
  const closeRun = () => {
    if (run) gaps.push(located(file, 'statements', run.range, measure(run.fn), run.count, 0))
    run = undefined
  }
  statements.forEach((statement, i) => {
    const fn = owner[i] ?? -1
    const container = statement.hits > 0 ? undefined : insideUncoveredFunction(statement.range)
    if (statement.hits > 0) {
      closeRun()
    } else if (container) {
      container.uncoveredStatements++
    } else if (run && run.fn === fn) {
      run.count++
      if (!contains(run.range, statement.range)) run.range = { start: run.range.start, end: later(run.range.end, statement.range.end) }
    } else {
      closeRun()
      run = { range: statement.range, count: 1, fn }
    }
  })
  closeRun()

  for (const id of Object.keys(data.branchMap)) {
    const mapping = data.branchMap[id]
    const hits = data.b[id] ?? []
    if (!mapping) continue
    mapping.locations.forEach((location, arm) => {
      if ((hits[arm] ?? 0) > 0) return
      const implicitElse = mapping.type === 'if' && arm === 1 && !hasPosition(location)
      const range = hasPosition(location) ? location : (mapping.loc as SourceRange)
      const container = insideUncoveredFunction(range)
      if (container) {
        container.uncoveredBranches++
        return
      }
      const fn = innermost(astFunctions, range)
      const gap = located(file, 'branch', range, measure(fn), 0, 1)
      gap.branch = {
        type: mapping.type,
        arm,
        armCount: mapping.locations.length,
        implicitElse,
        label: branchLabel(mapping.type, arm, implicitElse),
      }
      gaps.push(gap)
    })
  }
  return gaps
}

function functionCoverage(owner: readonly number[], statements: readonly { hits: number }[], count: number): (fn: number) => number {
  const total = new Array<number>(count + 1).fill(0)
  const covered = new Array<number>(count + 1).fill(0)
  owner.forEach((fn, i) => {
    total[fn + 1] = (total[fn + 1] ?? 0) + 1
    if ((statements[i]?.hits ?? 0) > 0) covered[fn + 1] = (covered[fn + 1] ?? 0) + 1
  })
  return (fn) => {
    const all = total[fn + 1] ?? 0
    return all === 0 ? 0 : (covered[fn + 1] ?? 0) / all
  }
}

/** istanbul's function location may start at the name (babel) or the keyword (v8); take the earliest. */
function functionRange(decl: SourceRange | undefined, loc: SourceRange): SourceRange {
  if (!hasPosition(decl)) return loc
  const start =
    decl.start.line < loc.start.line || (decl.start.line === loc.start.line && decl.start.column < loc.start.column)
      ? decl.start
      : loc.start
  return { start, end: loc.end }
}

/**
 * The AST function an istanbul function entry describes. Instrumenters disagree by a few columns
 * (babel starts at the name or body, v8 at the keyword), so prefer a function starting on the
 * same line nearest the entry's start, then the innermost function containing the entry.
 */
function matchFunction(functions: readonly SourceRange[], range: SourceRange): number {
  let best = -1
  let bestDistance = Number.POSITIVE_INFINITY
  functions.forEach((fn, i) => {
    if (fn.start.line !== range.start.line || fn.end.line !== range.end.line) return
    const distance = Math.abs(fn.start.column - range.start.column)
    if (distance <= bestDistance) {
      best = i
      bestDistance = distance
    }
  })
  return best >= 0 ? best : innermost(functions, { start: range.start, end: range.start })
}

function later(a: SourceRange['end'], b: SourceRange['end']): SourceRange['end'] {
  return a.line > b.line || (a.line === b.line && a.column >= b.column) ? a : b
}

function located(
  file: string,
  kind: LocatedGap['kind'],
  range: SourceRange,
  measured: Measured,
  uncoveredStatements: number,
  uncoveredBranches: number,
): LocatedGap {
  return {
    file,
    kind,
    startLine: range.start.line,
    startColumn: range.start.column ?? 0,
    endLine: range.end.line ?? range.start.line,
    endColumn: range.end.column ?? 0,
    functionName: measured.functionName,
    uncoveredStatements,
    uncoveredBranches,
    complexity: measured.complexity,
    crap: measured.crap,
  }
}
