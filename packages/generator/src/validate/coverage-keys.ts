import type { FileCoverageData } from 'istanbul-lib-coverage'

/** The statements and branch arms a file's coverage reaches, keyed by location so runs compare. */
export interface CoveredKeys {
  statements: Set<string>
  branches: Set<string>
}

type Range = { start: { line: number; column: number | null }; end: { line: number; column: number | null } }

const key = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`

/**
 * Reads what a file's coverage covers. Statement and branch ids differ between runs, locations do
 * not (for one coverage provider), so keys are locations.
 */
export function coveredKeys(data: FileCoverageData | undefined): CoveredKeys {
  const covered: CoveredKeys = { statements: new Set(), branches: new Set() }
  if (!data) return covered
  for (const [id, range] of Object.entries(data.statementMap)) if ((data.s[id] ?? 0) > 0) covered.statements.add(key(range as Range))
  for (const [id, branch] of Object.entries(data.branchMap)) {
    const hits = data.b[id] ?? []
    hits.forEach((count, arm) => {
      if (count > 0) covered.branches.add(`${key((branch.loc ?? branch.locations[0]) as Range)}#${arm}`)
    })
  }
  return covered
}

/** What `next` covers that `known` does not. */
export function newlyCovered(known: CoveredKeys, next: CoveredKeys): CoveredKeys {
  return {
    statements: new Set([...next.statements].filter((k) => !known.statements.has(k))),
    branches: new Set([...next.branches].filter((k) => !known.branches.has(k))),
  }
}

/** Adds `more` into `into`. */
export function addCovered(into: CoveredKeys, more: CoveredKeys): void {
  for (const k of more.statements) into.statements.add(k)
  for (const k of more.branches) into.branches.add(k)
}

/** The coverage entry of a file in a coverage map's data, whatever form its key takes. */
export function fileEntry<T extends { path?: string }>(data: Record<string, T> | undefined, file: string): T | undefined {
  if (!data) return undefined
  return data[file] ?? Object.values(data).find((entry) => entry.path === file)
}
