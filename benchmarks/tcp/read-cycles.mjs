import { readFileSync } from 'node:fs'

/** @typedef {{ id: string, durationMs: number, failed: boolean }} TestRow */

const REQUIRED = ['Name', 'Duration', 'Verdict', 'Cycle']

/**
 * Reads a semicolon-separated CI history in the RETECS/COLEMAN layout into cycles in
 * chronological order. Only Name, Duration, Verdict and Cycle are read; LastRun, LastResults and
 * any other column are ignored, because the history is rebuilt online from earlier cycles.
 * Every row is one test case of its cycle, repeated runs included, as in RETECS.
 * @param {string} file
 * @returns {TestRow[][]}
 */
export function readCycles(file) {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
  const header = (lines[0] ?? '').split(';').map((name) => name.trim())
  const missing = REQUIRED.filter((name) => !header.includes(name))
  if (missing.length > 0) {
    throw new Error(`${file} lacks the column(s) ${missing.join(', ')}; expected a semicolon-separated file with ${REQUIRED.join(', ')}.`)
  }
  const [name, duration, verdict, cycle] = REQUIRED.map((column) => header.indexOf(column))
  /** @type {Map<number, TestRow[]>} */
  const cycles = new Map()
  for (const [index, line] of lines.slice(1).entries()) {
    const fields = line.split(';')
    const cycleNo = Number(fields[cycle])
    const durationMs = Number(fields[duration])
    const verdictValue = Number(fields[verdict])
    if (!Number.isFinite(cycleNo) || !Number.isFinite(durationMs) || !(verdictValue === 0 || verdictValue === 1)) {
      throw new Error(`${file} line ${index + 2}: Cycle and Duration must be numbers and Verdict 0 or 1, got "${line}".`)
    }
    const rows = cycles.get(cycleNo) ?? []
    rows.push({ id: String(fields[name]).trim(), durationMs, failed: verdictValue === 1 })
    cycles.set(cycleNo, rows)
  }
  return [...cycles.keys()].sort((a, b) => a - b).map((key) => /** @type {TestRow[]} */ (cycles.get(key)))
}
