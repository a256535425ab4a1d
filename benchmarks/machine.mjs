// Describes the machine a benchmark ran on, printed next to every figure.
import { readFileSync } from 'node:fs'
import { cpus, freemem, loadavg, totalmem } from 'node:os'

export function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  return `${cpus().length} x ${cpu.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** A counted step on stderr, so long benchmarks show progress without touching stdout. */
export const step = (message) => process.stderr.write(`[bench] ${message}\n`)

/**
 * CPU time (user + system, ms) of all waited-for children of this process so far, from
 * /proc/self/stat (Linux; clock ticks of 10 ms). Undefined elsewhere.
 */
export function childCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
    // After the command name: state is field 3, so cutime (16) and cstime (17) sit at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) * 10
  } catch {
    return undefined
  }
}
