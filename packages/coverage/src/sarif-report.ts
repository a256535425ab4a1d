import { hash } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import type { Gap, GapKind, GapReport } from './types.js'

const RULES: Record<GapKind, { id: string; name: string; text: string }> = {
  function: { id: 'aqe/uncovered-function', name: 'UncoveredFunction', text: 'A function that no test calls.' },
  branch: { id: 'aqe/untaken-branch', name: 'UntakenBranch', text: 'A branch arm that no test takes.' },
  statements: { id: 'aqe/uncovered-statements', name: 'UncoveredStatements', text: 'Statements that no test runs.' },
}
const KINDS: GapKind[] = ['function', 'branch', 'statements']

/**
 * The gaps as a SARIF 2.1.0 log for code scanning: one result per gap, located relative to
 * `%SRCROOT%`, with the score and reasons as properties and a fingerprint that survives line
 * shifts (file, kind, function and branch, not line numbers). Gaps on changed lines are warnings,
 * the others notes.
 */
export function sarifReport(report: GapReport, top?: number, version = '0.1.0'): string {
  const gaps = top === undefined ? report.gaps : report.gaps.slice(0, top)
  const seen = new Map<string, number>()
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aqe',
            informationUri: 'https://github.com/aqe-dev/aqe',
            semanticVersion: version,
            rules: KINDS.map((kind) => ({
              id: RULES[kind].id,
              name: RULES[kind].name,
              shortDescription: { text: RULES[kind].text },
              fullDescription: {
                text: `${RULES[kind].text} Ranked by aqe gaps: uncovered count, complexity (CRAP), change, churn, criticality.`,
              },
              defaultConfiguration: { level: 'note' },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(report.root).href}/` } },
        results: gaps.map((gap) => result(gap, fingerprint(gap, seen))),
      },
    ],
  }
  return `${JSON.stringify(log)}\n`
}

function result(gap: Gap, fingerprint: string) {
  const region: Record<string, number> = { startLine: gap.startLine, startColumn: gap.startColumn + 1, endLine: gap.endLine }
  if (gap.endColumn > 0 && (gap.endLine > gap.startLine || gap.endColumn > gap.startColumn)) region.endColumn = gap.endColumn + 1
  return {
    ruleId: RULES[gap.kind].id,
    ruleIndex: KINDS.indexOf(gap.kind),
    level: gap.changed ? 'warning' : 'note',
    message: { text: `${gap.reasons.map((r) => r.text).join('; ')} (score ${gap.score.toFixed(1)})` },
    locations: [{ physicalLocation: { artifactLocation: { uri: gap.file, uriBaseId: 'SRCROOT' }, region } }],
    partialFingerprints: { 'aqeGap/v1': fingerprint },
    properties: { score: gap.score, complexity: gap.complexity, crap: gap.crap, reasons: gap.reasons },
  }
}

function fingerprint(gap: Gap, seen: Map<string, number>): string {
  const key = [gap.file, gap.kind, gap.functionName, gap.branch?.label ?? ''].join('\u0000')
  const ordinal = seen.get(key) ?? 0
  seen.set(key, ordinal + 1)
  return hash('sha256', `${key}\u0000${ordinal}`, 'hex').slice(0, 32)
}
