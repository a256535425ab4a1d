import type Database from 'better-sqlite3'

/** How many query terms reach FTS5, and how common a term may be before it is dropped. */
export interface TermSelection {
  /** Most terms per query, rarest first; bm25 cost grows with the postings of every OR-ed term. @default 4 */
  maxTerms: number
  /** Terms in more than this fraction of patterns are dropped (their IDF is near zero anyway), unless no other is left. @default 0.1 */
  maxDocFraction: number
  /**
   * Rarest terms are added while their summed document frequencies stay within this budget. It
   * bounds the rows FTS5 must rank (about 1 µs each) however large the store grows: when even the
   * rarest term is in more patterns than this, the keyword retriever abstains. @default 500
   */
  maxPostings: number
}

/** The defaults of TermSelection. */
export const defaultTermSelection: TermSelection = { maxTerms: 4, maxDocFraction: 0.1, maxPostings: 500 }

/** Document frequencies of the keyword index's terms, read once from fts5vocab and dropped on every write. */
export class TermStatistics {
  private frequencies: Map<string, number> | undefined
  private patterns = 0

  constructor(private readonly db: Database.Database) {}

  /** Forgets the counts; the next query reloads them. */
  invalidate(): void {
    this.frequencies = undefined
  }

  /** The query terms worth searching: known to the index, not too common, rarest first, within the postings budget. */
  select(terms: readonly string[], options: TermSelection = defaultTermSelection): string[] {
    const frequencies = this.load()
    const known = [...new Set(terms)]
      .filter((t) => frequencies.has(t))
      .sort((a, b) => (frequencies.get(a) as number) - (frequencies.get(b) as number))
    const limit = Math.max(1, options.maxDocFraction * this.patterns)
    const useful = known.filter((t) => (frequencies.get(t) as number) <= limit)
    const chosen: string[] = []
    let postings = 0
    for (const term of useful.length > 0 ? useful : known.slice(0, 1)) {
      const df = frequencies.get(term) as number
      if (chosen.length === options.maxTerms || postings + df > options.maxPostings) break
      chosen.push(term)
      postings += df
    }
    return chosen
  }

  private load(): Map<string, number> {
    if (this.frequencies) return this.frequencies
    this.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.pattern_vocab USING fts5vocab(main, 'pattern_terms', 'row')")
    this.frequencies = new Map(
      this.db
        .prepare<[], { term: string; doc: number }>('SELECT term, doc FROM temp.pattern_vocab')
        .all()
        .map((r) => [r.term, r.doc]),
    )
    this.patterns = (this.db.prepare('SELECT count(*) AS n FROM patterns').get() as { n: number }).n
    return this.frequencies
  }
}
