import pc from 'picocolors'

// Matches ANSI colour codes, which take no width on screen.
const ANSI = /\u001b\[[0-9;]*m/g
const width = (text: string) => text.replace(ANSI, '').length

/** Lays out rows as aligned columns; columns listed in `right` are right-aligned (numbers). */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: ReadonlySet<number> = new Set(),
): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - width(cell))
        return right.has(i) ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd()
  return [pc.bold(line(header)), ...rows.map(line)].join('\n')
}

/** Milliseconds as a short human duration. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-'
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${ms.toFixed(ms < 10 ? 1 : 0)}ms`
}
