import { isAbsolute, resolve } from 'node:path'
import type { PrivacyReport } from '@aqe/llm'
import pc from 'picocolors'
import { loadLlm } from '../optional-package.js'
import { llmConfig } from './llm-context.js'

/** `aqe privacy report`: the audit log summarised; exit 1 when strict mode ever let a prompt leave the machine. */
export async function runPrivacyReport(options: { auditLog?: string; json?: boolean }): Promise<void> {
  const config = await llmConfig()
  const { buildPrivacyReport } = await loadLlm()
  const file = options.auditLog ?? config.auditLog ?? '.aqe/llm-audit.jsonl'
  const report = buildPrivacyReport(isAbsolute(file) ? file : resolve(process.cwd(), file))
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : render(report))
  if (report.strictViolations > 0) process.exitCode = 1
}

function render(r: PrivacyReport): string {
  if (r.entries === 0 && r.invalidLines === 0) return `${pc.bold('aqe privacy report')} ${r.file}\nNo model requests audited yet.\n`
  const modes = Object.entries(r.byMode).map(([mode, n]) => `${mode} ${n}`)
  const lines = [
    `${pc.bold('aqe privacy report')} ${r.file}`,
    `${r.entries} decisions from ${r.firstAt} to ${r.lastAt} (by mode: ${modes.join(', ')})`,
    `Prompts sent off this machine: ${r.sentOffMachine}`,
    r.strictViolations > 0 ? pc.red(`Strict-mode violations: ${r.strictViolations}`) : 'Strict-mode violations: 0',
    '',
    pc.bold('Destinations'),
    ...r.destinations.map(
      (d) =>
        `  ${d.provider} ${d.endpoint} ${d.onMachine ? '(on this machine)' : pc.yellow('(off this machine)')}: ${d.allowed} allowed, ${d.blocked} blocked`,
    ),
  ]
  const reasons = Object.entries(r.blockedReasons)
  if (reasons.length > 0) lines.push('', pc.bold('Blocked, by reason'), ...reasons.map(([reason, n]) => `  ${n}  ${reason}`))
  if (r.invalidLines > 0) lines.push('', pc.yellow(`${r.invalidLines} line(s) could not be read: the log was edited or truncated.`))
  return `${lines.join('\n')}\n`
}
