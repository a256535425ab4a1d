import type { ExecutionRow } from '../store/read-executions.js'

const escapeXml = (value: string) =>
  value
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')

const attr = (name: string, value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : ` ${name}="${escapeXml(String(value))}"`

/**
 * Writes executions as JUnit XML: one `<testsuite>` per run and file, earlier failed attempts as
 * Surefire's `<flakyFailure>` (final pass) or `<rerunFailure>` (final fail), and the run's identity
 * as `aqe.*` properties so that `aqe history import` restores it exactly.
 */
export function* formatJunit(rows: Iterable<ExecutionRow>): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aqe">\n'
  let group: ExecutionRow[] = []
  for (const row of rows) {
    const head = group[0]
    if (head && (head.runKey !== row.runKey || head.file !== row.file)) {
      yield suite(group)
      group = []
    }
    group.push(row)
  }
  if (group.length > 0) yield suite(group)
  yield '</testsuites>\n'
}

const timeAttr = (ms: number | null) => (ms === null ? '' : attr('time', (ms / 1000).toFixed(3)))

function suite(rows: ExecutionRow[]): string {
  const head = rows[0] as ExecutionRow
  const finals = rows.filter((r) => r.final)
  const failures = finals.filter((r) => r.status === 'failed').length
  const skipped = finals.filter((r) => r.status === 'skipped' || r.status === 'todo').length
  const seconds = rows.reduce((sum, r) => sum + (r.durationMs ?? 0), 0) / 1000
  const props = (
    [
      ['aqe.runId', head.runKey],
      ['aqe.runner', head.runner],
      ['aqe.startedAt', head.startedAt],
      ['aqe.endedAt', head.endedAt],
      ['aqe.outcome', head.outcome],
      ['aqe.commit', head.commit],
      ['aqe.branch', head.branch],
      ['aqe.job', head.job],
      ['aqe.shard', head.shard],
      ['aqe.project', head.project],
    ] as const
  )
    .filter(([, v]) => v)
    .map(([k, v]) => `      <property${attr('name', k)}${attr('value', v)}/>\n`)
    .join('')
  let out = `  <testsuite${attr('name', head.file)}${attr('file', head.file)}${attr('timestamp', head.startedAt)}${attr('tests', finals.length)}${attr('failures', failures)}${attr('errors', 0)}${attr('skipped', skipped)}${attr('time', seconds.toFixed(3))}>\n    <properties>\n${props}    </properties>\n`
  for (const final of finals) {
    const earlier = rows.filter((r) => !r.final && r.fullName === final.fullName)
    out += `    <testcase${attr('name', final.fullName)}${attr('classname', final.file)}${attr('file', final.file)}${timeAttr(final.durationMs)}>\n`
    const retryTag = final.status === 'failed' ? 'rerunFailure' : 'flakyFailure'
    // `time` on a retry element is aqe's addition; other readers ignore it.
    for (const r of earlier)
      out += `      <${retryTag}${attr('message', r.errorMessage ?? '')}${attr('type', r.errorName)}${timeAttr(r.durationMs)}/>\n`
    if (final.status === 'failed') out += `      <failure${attr('message', final.errorMessage ?? '')}${attr('type', final.errorName)}/>\n`
    if (final.status === 'skipped') out += '      <skipped/>\n'
    if (final.status === 'todo') out += '      <skipped message="todo"/>\n'
    out += '    </testcase>\n'
  }
  return `${out}  </testsuite>\n`
}
