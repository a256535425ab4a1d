#!/usr/bin/env node
// Coverage-gap report, end to end: a generated project of 5,000 TypeScript files with a matching
// coverage-final.json, in a git repository of two commits, reported by the built `aqe gaps`
// command in each format. Prints the median wall time of each over several runs, the CPU time of
// the whole process (all threads, from GNU time) and that of its main thread alone (sampled from
// /proc while it runs): on a busy machine, where the wall time mostly measures the neighbours, the
// main thread's CPU time is the floor of the wall time an idle machine would show.
// With --compare, another build of the command (a copy of the previous version's packages, say)
// runs alternately with this one, so that before and after see the same load.
// Usage: node benchmarks/gaps/gaps-report.mjs [--runs 5] [--files 5000] [--formats md,json,table,sarif,html] [--json]
//          [--compare /path/to/other/packages/cli/dist/bin.js]
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { machine, median, step } from '../machine.mjs'
import { generateProject } from './generate-project.mjs'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    files: { type: 'string', default: '5000' },
    formats: { type: 'string', default: 'md,json,table,sarif,html' },
    json: { type: 'boolean', default: false },
    compare: { type: 'string' },
  },
})
const here = dirname(fileURLToPath(import.meta.url))
// Outside the repository: biome and git should never see 5,000 generated files.
const work = join(tmpdir(), 'aqe-bench-gaps')
const aqe = join(here, '..', '..', 'packages', 'cli', 'dist', 'bin.js')
const files = Number(values.files)
const builds = [{ build: 'this', bin: aqe }]
if (values.compare) builds.push({ build: 'compare', bin: values.compare })
const loadBefore = loadavg()

step(`generating ${files} files with coverage in ${work}`)
rmSync(work, { recursive: true, force: true })
const coverage = generateProject(work, { files })
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@aqe.invalid', ...args], { cwd: work, stdio: 'ignore' })
git('init', '-q', '-b', 'main')
git('add', 'src')
git('commit', '-q', '-m', 'base')
git('commit', '-q', '--allow-empty', '-m', 'second')
const map = JSON.parse(readFileSync(coverage, 'utf8'))
const statements = Object.values(map).reduce((n, f) => n + Object.keys(f.statementMap).length, 0)

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
const TICK_MS = 10 // Linux clock ticks in /proc/*/stat are 1/100 s

/** CPU time (ms) of each thread of `pid` so far, by thread id; empty once the process is gone. */
function threadCpu(pid) {
  const out = new Map()
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * TICK_MS)
    }
  } catch {}
  return out
}

/** Runs the command; resolves to its stderr and exit code, with the CPU time of its main thread. */
function run(command) {
  return new Promise((resolve) => {
    // GNU time, where there is one, adds the CPU time of the whole process, all threads included.
    const child = TIME
      ? spawn(TIME, ['-f', 'cpu %U %S', ...command], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn(command[0], command.slice(1), { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    let node = TIME ? undefined : child.pid
    let mainMs = 0
    const poll = setInterval(() => {
      try {
        node ??= Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0]) || undefined
      } catch {}
      if (node) mainMs = threadCpu(node).get(node) ?? mainMs
    }, 10)
    child.on('close', (code) => {
      clearInterval(poll)
      resolve({ code, stderr, mainMs })
    })
  })
}

const results = []
for (const format of values.formats.split(',')) {
  const runs = builds.map(() => ({ times: [], cpu: [], main: [], gaps: 0 }))
  for (let i = 0; i < Number(values.runs); i++) {
    // Alternate the builds run by run, so that a change in the machine's load falls on both.
    for (const [b, { bin }] of builds.entries()) {
      const r = runs[b]
      const out = join(work, `report.${format}`)
      const start = process.hrtime.bigint()
      const result = await run([process.execPath, bin, 'gaps', '--format', format, '--out', out])
      r.times.push(Number(process.hrtime.bigint() - start) / 1e6)
      if (result.code !== 0) throw new Error(`aqe gaps --format ${format} failed:\n${result.stderr}`)
      r.gaps = Number(/\((\d+) gaps\)/.exec(result.stderr)?.[1] ?? 0)
      const used = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr)
      if (used) r.cpu.push((Number(used[1]) + Number(used[2])) * 1000)
      // Sampled every 10 ms, so the last few milliseconds before exit can be missed.
      r.main.push(result.mainMs)
    }
  }
  for (const [b, { build }] of builds.entries()) {
    const r = runs[b]
    step(`${format}${builds.length > 1 ? ` (${build})` : ''}: median ${median(r.times).toFixed(0)} ms over ${r.times.length} runs`)
    results.push({
      format,
      ...(builds.length > 1 ? { build } : {}),
      medianMs: Math.round(median(r.times)),
      minMs: Math.round(Math.min(...r.times)),
      cpuMs: r.cpu.length ? Math.round(median(r.cpu)) : null,
      mainThreadCpuMs: Math.round(median(r.main)),
      gaps: r.gaps,
    })
  }
}

const load = `load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')} after`
if (values.json) {
  process.stdout.write(`${JSON.stringify({ machine: machine(), load, files, statements, results }, null, 2)}\n`)
} else {
  process.stdout.write(`aqe gaps on ${files} files (${statements} statements), ${machine()}\n${load}\n`)
  for (const r of results) {
    const build = r.build ? ` ${r.build.padEnd(7)}` : ''
    const cpu = r.cpuMs === null ? '' : `  cpu ${String(r.cpuMs).padStart(5)} ms`
    const main = `  main thread ${String(r.mainThreadCpuMs).padStart(5)} ms`
    process.stdout.write(
      `  --format ${r.format.padEnd(6)}${build} median ${String(r.medianMs).padStart(5)} ms  min ${String(r.minMs).padStart(5)} ms${cpu}${main}  (${r.gaps} gaps)\n`,
    )
  }
}
