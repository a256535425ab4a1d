import { createHash } from 'node:crypto'
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ProviderKind } from '../types.js'
import type { PrivacyMode } from './privacy-mode.js'

/** One line of the audit log: a decision to send, or not send, a prompt somewhere. */
export interface AuditEntry {
  /** ISO 8601 UTC. */
  time: string
  mode: PrivacyMode
  provider: string
  kind: ProviderKind
  model: string
  /** Where the prompt would go: a model file or a server URL. */
  endpoint: string
  /** sha256 of the prompt; the prompt itself is never logged. */
  promptHash: string
  decision: 'allowed' | 'blocked'
  reason: string
}

/** sha256 hex of a prompt. */
export function hashPrompt(prompt: string): string {
  return createHash('sha256').update(prompt).digest('hex')
}

/** An append-only JSON Lines file; every entry is one `O_APPEND` write, so concurrent writers never interleave. */
export class AuditLog {
  readonly path: string

  constructor(path: string) {
    this.path = path
  }

  /** Appends one entry, creating the file and its directory when needed. */
  append(entry: AuditEntry): void {
    mkdirSync(dirname(this.path), { recursive: true })
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`, { flag: 'a' })
  }
}
