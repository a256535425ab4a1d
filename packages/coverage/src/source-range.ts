import type { SourcePosition } from './types.js'

/** A start–end span in a source file. */
export interface SourceRange {
  start: SourcePosition
  end: SourcePosition
}

/** Whether `a` comes before `b` in the file (or is the same position). */
export function beforeOrAt(a: SourcePosition, b: SourcePosition): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column)
}

/** Whether `outer` contains `inner` entirely. */
export function contains(outer: SourceRange, inner: SourceRange): boolean {
  return beforeOrAt(outer.start, inner.start) && beforeOrAt(inner.end, outer.end)
}

/** Whether istanbul gave this location a real position; implicit `else` arms have none. */
export function hasPosition(range: { start?: Partial<SourcePosition> } | undefined): range is SourceRange {
  return typeof range?.start?.line === 'number'
}

/**
 * The last range in `ranges` (listed outer before inner, as a tree walk yields them) that contains
 * `inner`: the innermost one. Returns -1 when none does.
 */
export function innermost(ranges: readonly SourceRange[], inner: SourceRange): number {
  for (let i = ranges.length - 1; i >= 0; i--) {
    const range = ranges[i]
    if (range && contains(range, inner)) return i
  }
  return -1
}
