/** One quarantined test in `.aqe/quarantine.json`. Times are ISO 8601 UTC. */
export interface QuarantineEntry {
  /** The test id: `<file relative to the root> > <full name>`. */
  id: string
  /** Why the test is quarantined: an issue link or a sentence. */
  reason: string
  /** Who should fix it (a person or team handle); expiry is reported to them. */
  owner?: string
  /** The detector's evidence when the entry was made, in words. */
  evidence?: string
  created: string
  /** After this instant the entry no longer masks failures and is reported as expired. */
  expires?: string
  /** `auto` entries were added by the auto policy and may be released by it; `manual` ones only by a person. */
  source: 'manual' | 'auto'
}

/** The whole quarantine file. */
export interface QuarantineFile {
  version: 1
  tests: QuarantineEntry[]
}

/** Whether an entry has expired at `now`. */
export function isExpired(entry: QuarantineEntry, now: Date): boolean {
  return entry.expires !== undefined && Date.parse(entry.expires) <= now.getTime()
}
