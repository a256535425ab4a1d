import {
  isExpired,
  loadConfig,
  type QuarantineEntry,
  readQuarantine,
  resolveQuarantineOptions,
  resolveQuarantinePath,
  testId,
} from '@aqe/core'
import type { TestCase, TestProject, Vitest } from 'vitest/node'

const suspended = new WeakMap<Vitest, number>()

/** Live quarantine entries of a project, or undefined when the file cannot be used. */
export async function liveQuarantine(root: string, now = new Date()): Promise<QuarantineEntry[] | undefined> {
  try {
    const { config } = await loadConfig(root)
    const entries = readQuarantine(resolveQuarantinePath(root, resolveQuarantineOptions(config.quarantine).file))
    return entries.filter((e) => !isExpired(e, now))
  } catch {
    return undefined
  }
}

/**
 * Vitest's workers count every failed test towards `bail`, so a quarantined failure would stop
 * the run. When the project has a usable quarantine with live entries, aqe takes `bail` over
 * and counts only failures that are not quarantined ({@link BailCounter}); otherwise (no
 * quarantine, or one aqe cannot read) Vitest's own bail stays in charge.
 */
export async function suspendBailForQuarantine(vitest: Vitest, project: TestProject): Promise<void> {
  const bail = Math.max(project.config.bail ?? 0, vitest.config.bail ?? 0)
  if (bail <= 0) return
  const entries = await liveQuarantine(vitest.config.root)
  if (!entries || entries.length === 0) return
  suspended.set(vitest, Math.max(bail, suspended.get(vitest) ?? 0))
  ;(project.config as { bail: number }).bail = 0
  ;(vitest.config as { bail: number }).bail = 0
}

/** Counts the failures that are not quarantined and cancels the run at the bail limit aqe took over. */
export class BailCounter {
  private readonly limit: number
  private readonly quarantined: Set<string>
  private failures = 0

  constructor(
    private readonly vitest: Vitest,
    entries: readonly QuarantineEntry[],
  ) {
    this.limit = suspended.get(vitest) ?? 0
    this.quarantined = new Set(entries.map((e) => e.id))
  }

  /** Whether aqe is counting failures for `bail` in this run. */
  get active(): boolean {
    return this.limit > 0
  }

  onFailure(testCase: TestCase, file: string): void {
    if (!this.active || this.quarantined.has(testId(file, testCase.fullName))) return
    if (++this.failures >= this.limit) void this.vitest.cancelCurrentRun('test-failure')
  }
}
