import { InputError } from '../errors.js'
import type { RankedTest } from './types.js'

/** A time budget: a share of the total expected duration, or a number of seconds. */
export type TimeBudget = { kind: 'ratio'; ratio: number } | { kind: 'seconds'; seconds: number }

/** Parses `50%` (a share of the total time) or `120` (seconds), naming `option` when the value is neither. */
export function parseTimeBudget(value: string, option = '--budget'): TimeBudget {
  const text = value.trim()
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text)
  if (percent) {
    const ratio = Number(percent[1]) / 100
    if (ratio > 0 && ratio <= 1) return { kind: 'ratio', ratio }
  } else if (/^\d+(?:\.\d+)?$/.test(text) && Number(text) > 0) {
    return { kind: 'seconds', seconds: Number(text) }
  }
  throw new InputError(
    `${option} must be a share of the total time such as 50% (over 0, at most 100%) or a number of seconds such as 120, got "${value}".`,
  )
}

/** The tests a budget lets run, and the time they take. */
export interface BudgetSelection {
  selected: RankedTest[]
  budgetMs: number
  selectedMs: number
  totalMs: number
}

/**
 * Walks the ranked tests and keeps each one that still fits the budget (first fit: a test that
 * does not fit is skipped and the walk goes on). Tests of unknown duration count as the median
 * of the known ones.
 */
export function selectWithinBudget(ranked: readonly RankedTest[], budget: TimeBudget): BudgetSelection {
  const known = ranked
    .map((t) => t.durationMs)
    .filter((d): d is number => d !== undefined)
    .sort((a, b) => a - b)
  const fallback = known.length > 0 ? (known[known.length >> 1] as number) : 0
  const duration = (t: RankedTest) => t.durationMs ?? fallback
  const totalMs = ranked.reduce((sum, t) => sum + duration(t), 0)
  const budgetMs = budget.kind === 'ratio' ? budget.ratio * totalMs : budget.seconds * 1000
  const selected: RankedTest[] = []
  let selectedMs = 0
  for (const test of ranked) {
    if (selectedMs + duration(test) > budgetMs) continue
    selectedMs += duration(test)
    selected.push(test)
  }
  return { selected, budgetMs, selectedMs, totalMs }
}
