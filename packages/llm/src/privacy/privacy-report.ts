import { existsSync, readFileSync } from 'node:fs'
import type { AuditEntry } from './audit-log.js'
import { staysOnMachine } from './privacy-mode.js'

/** What the audit log says, summarised for a compliance reviewer. */
export interface PrivacyReport {
  file: string
  entries: number
  /** Malformed lines, skipped and counted so tampering or truncation is visible. */
  invalidLines: number
  firstAt?: string
  lastAt?: string
  byMode: Record<string, number>
  /** Decisions per destination. */
  destinations: { provider: string; endpoint: string; onMachine: boolean; allowed: number; blocked: number }[]
  /** Prompts that left the machine (allowed cloud decisions). */
  sentOffMachine: number
  /** Allowed off-machine decisions made in strict mode; must be 0. */
  strictViolations: number
  blockedReasons: Record<string, number>
}

/** Reads the audit log tolerantly and summarises it; a missing file is an empty report. */
export function buildPrivacyReport(file: string): PrivacyReport {
  const report: PrivacyReport = {
    file,
    entries: 0,
    invalidLines: 0,
    byMode: {},
    destinations: [],
    sentOffMachine: 0,
    strictViolations: 0,
    blockedReasons: {},
  }
  if (!existsSync(file)) return report
  const destinations = new Map<string, PrivacyReport['destinations'][number]>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue
    const entry = parse(line)
    if (!entry) {
      report.invalidLines++
      continue
    }
    report.entries++
    report.firstAt ??= entry.time
    report.lastAt = entry.time
    report.byMode[entry.mode] = (report.byMode[entry.mode] ?? 0) + 1
    const key = `${entry.provider}\u0000${entry.endpoint}`
    let dest = destinations.get(key)
    if (!dest) {
      dest = { provider: entry.provider, endpoint: entry.endpoint, onMachine: staysOnMachine(entry), allowed: 0, blocked: 0 }
      destinations.set(key, dest)
    }
    dest[entry.decision]++
    if (entry.decision === 'blocked') report.blockedReasons[entry.reason] = (report.blockedReasons[entry.reason] ?? 0) + 1
    if (entry.decision === 'allowed' && !dest.onMachine) {
      report.sentOffMachine++
      if (entry.mode === 'strict') report.strictViolations++
    }
  }
  report.destinations = [...destinations.values()]
  return report
}

function parse(line: string): AuditEntry | undefined {
  try {
    const entry = JSON.parse(line) as AuditEntry
    const ok =
      typeof entry.time === 'string' && typeof entry.provider === 'string' && (entry.decision === 'allowed' || entry.decision === 'blocked')
    return ok ? entry : undefined
  } catch {
    return undefined
  }
}
