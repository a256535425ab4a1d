import { CRAP_THRESHOLD } from './crap-score.js'
import type { LocatedGap } from './find-gaps.js'
import type { Gap, GapReason } from './types.js'

/** The signals of one gap that lie outside its file's coverage. */
export interface GapContext {
  churn?: number
  changed?: boolean
  critical?: string
  base?: string
}

/** Multipliers applied to a gap's base score; documented in docs/gaps.md. */
export const WEIGHTS = { changed: 2, critical: 2, churnPerDoubling: 0.25 } as const

/**
 * Scores a gap and says why. The base is what is untested (statements plus branch arms, plus one
 * for an uncovered function) plus the CRAP score of the enclosing function; changed lines and
 * critical files double it, and churn adds a quarter for every doubling of the commit count.
 */
export function scoreGap(gap: LocatedGap, context: GapContext): Gap {
  const uncovered = gap.uncoveredStatements + gap.uncoveredBranches + (gap.kind === 'function' ? 1 : 0)
  const reasons: GapReason[] = [
    { signal: 'uncovered', value: uncovered, text: uncoveredText(gap) },
    { signal: 'complexity', value: gap.complexity, text: `in ${gap.functionName}, cyclomatic complexity ${gap.complexity}` },
    {
      signal: 'crap',
      value: gap.crap,
      text: gap.crap > CRAP_THRESHOLD ? `CRAP ${gap.crap}, above ${CRAP_THRESHOLD}` : `CRAP ${gap.crap}`,
    },
  ]
  let score = uncovered + gap.crap
  if (context.changed) {
    score *= WEIGHTS.changed
    reasons.push({ signal: 'changed', value: context.base ?? 'base', text: `changed since ${context.base ?? 'the base'}` })
  }
  if (context.critical) {
    score *= WEIGHTS.critical
    reasons.push({ signal: 'critical', value: context.critical, text: `critical file (matches ${context.critical})` })
  }
  if (context.churn && context.churn > 0) {
    score *= 1 + WEIGHTS.churnPerDoubling * Math.log2(1 + context.churn)
    reasons.push({
      signal: 'churn',
      value: context.churn,
      text: `file changed in ${context.churn} commit${context.churn === 1 ? '' : 's'}`,
    })
  }
  // Scoring extends the located gap in place: reports of 100,000 gaps should not copy each one.
  const ranked = gap as Gap
  ranked.score = Math.round(score * 10) / 10
  ranked.reasons = reasons
  if (context.churn !== undefined) ranked.churn = context.churn
  if (context.changed !== undefined) ranked.changed = context.changed
  if (context.critical !== undefined) ranked.critical = context.critical
  return ranked
}

/** Orders gaps best-first: by score, then file, line, column and kind, so equal scores keep a stable order. */
export function rankGaps(gaps: Gap[]): Gap[] {
  return gaps.sort(
    (a, b) =>
      b.score - a.score ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.startLine - b.startLine ||
      a.startColumn - b.startColumn ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  )
}

function uncoveredText(gap: LocatedGap): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (gap.kind === 'branch') return gap.branch?.label ?? 'branch arm not taken'
  if (gap.kind === 'statements') return `${plural(gap.uncoveredStatements, 'statement')} never run`
  const inside = [plural(gap.uncoveredStatements, 'statement')]
  if (gap.uncoveredBranches > 0) inside.push(plural(gap.uncoveredBranches, 'branch arm'))
  return `function never called (${inside.join(', ')} inside)`
}
