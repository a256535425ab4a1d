import type Database from 'better-sqlite3'
import { cachedStatement } from './cached-statement.js'

/** Acceptances and rejections of one pattern. */
export interface Feedback {
  accepted: number
  rejected: number
}

/**
 * Feedback counts for the fusion's feedback factor. Few patterns ever get feedback, so with the
 * `patterns_feedback` partial index (schema 2) they are read once into memory, and read again only
 * after this or another connection changed the store; looking up the 100 candidates of a search by
 * id instead reads each one's row, overflow pages of long code included (about 0.4 ms at 100,000).
 */
export class FeedbackCounts {
  private counts: Map<number, Feedback> | undefined
  private dataVersion = -1

  /** `indexed`: the store has the partial index (an old store opened read-only may not). */
  constructor(
    private readonly db: Database.Database,
    private readonly indexed: boolean,
  ) {}

  /** The counts of those ids that have any feedback. */
  of(ids: readonly number[]): Map<number, Feedback> {
    if (!this.indexed) return this.byId(ids)
    const all = this.load()
    const found = new Map<number, Feedback>()
    if (all.size === 0) return found
    for (const id of ids) {
      const counts = all.get(id)
      if (counts) found.set(id, counts)
    }
    return found
  }

  /** Forgets the counts after this connection changed them. */
  invalidate(): void {
    this.counts = undefined
  }

  private load(): Map<number, Feedback> {
    // data_version changes when another connection commits, so their feedback is seen too.
    const version = cachedStatement<number>(this.db, 'PRAGMA data_version').pluck().get() as number
    if (this.counts && version === this.dataVersion) return this.counts
    this.dataVersion = version
    const rows = cachedStatement<{ id: number; accepted: number; rejected: number }>(
      this.db,
      'SELECT id, accepted_count AS accepted, rejected_count AS rejected FROM patterns WHERE accepted_count > 0 OR rejected_count > 0',
    ).all()
    this.counts = new Map(rows.map((r) => [r.id, { accepted: r.accepted, rejected: r.rejected }]))
    return this.counts
  }

  private byId(ids: readonly number[]): Map<number, Feedback> {
    const rows = cachedStatement<{ id: number; accepted: number; rejected: number }>(
      this.db,
      'SELECT id, accepted_count AS accepted, rejected_count AS rejected FROM patterns WHERE id IN (SELECT value FROM json_each(?)) AND (accepted_count > 0 OR rejected_count > 0)',
    ).all(JSON.stringify(ids))
    return new Map(rows.map((r) => [r.id, { accepted: r.accepted, rejected: r.rejected }]))
  }
}
