import { z } from 'zod'
import { InputError } from '../errors.js'
import type { AttemptRecord, RunEnd, RunInfo } from '../record/types.js'
import type { ExecutionRow } from '../store/read-executions.js'
import type { StoredRun } from '../store/sqlite-history-store.js'

const lineSchema = z.object({
  runId: z.string().min(1),
  runner: z.string().min(1),
  commit: z.string().nullish(),
  branch: z.string().nullish(),
  startedAt: z.iso.datetime({ offset: true }),
  file: z.string().min(1),
  fullName: z.string(),
  attempt: z.number().int().nonnegative(),
  status: z.enum(['passed', 'failed', 'skipped', 'todo']),
  durationMs: z.number().nonnegative().nullish(),
  errorMessage: z.string().nullish(),
  errorName: z.string().nullish(),
  shard: z.string().nullish(),
  job: z.string().nullish(),
  project: z.string().nullish(),
  endedAt: z.iso.datetime({ offset: true }).nullish(),
  outcome: z.enum(['running', 'passed', 'failed', 'interrupted']).nullish(),
  runnerVersion: z.string().nullish(),
  ci: z.string().nullish(),
})

/** One line of aqe JSON Lines: one execution attempt with its run's identity (see docs/history.md). */
export type JsonlExecution = z.infer<typeof lineSchema>

const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined

/**
 * Parses aqe JSON Lines into runs grouped by `runId`. Every line is validated before anything is
 * returned, so a bad line rejects the whole file and nothing is half-imported.
 */
export function parseJsonl(text: string, source: string): StoredRun[] {
  const runs = new Map<string, StoredRun>()
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim()
    if (!line) continue
    let raw: unknown
    try {
      raw = JSON.parse(line)
    } catch (error) {
      throw new InputError(`${source}:${i + 1}: not valid JSON (${(error as Error).message}). Each line must be one JSON object.`)
    }
    const parsed = lineSchema.safeParse(raw)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new InputError(
        `${source}:${i + 1}: key "${issue?.path.join('.') || '(line)'}" ${issue?.message ?? 'is invalid'}. See docs/history.md for the JSON Lines format.`,
      )
    }
    const e = parsed.data
    let run = runs.get(e.runId)
    if (!run) {
      run = {
        run: {
          runKey: e.runId,
          runner: e.runner,
          runnerVersion: orUndefined(e.runnerVersion),
          project: orUndefined(e.project),
          startedAt: new Date(e.startedAt),
          commit: orUndefined(e.commit),
          branch: orUndefined(e.branch),
          ci: orUndefined(e.ci),
          job: orUndefined(e.job),
          shard: orUndefined(e.shard),
        },
        end: e.endedAt ? { outcome: e.outcome ?? 'passed', endedAt: new Date(e.endedAt) } : undefined,
        attempts: [],
      }
      runs.set(e.runId, run)
    }
    run.attempts.push({
      file: e.file,
      fullName: e.fullName,
      attempt: e.attempt,
      status: e.status,
      durationMs: orUndefined(e.durationMs),
      errorName: orUndefined(e.errorName),
      errorMessage: orUndefined(e.errorMessage),
    })
  }
  return [...runs.values()]
}

/** Formats one stored execution as a JSON Lines record (no trailing newline). */
export function formatJsonlLine(row: ExecutionRow): string {
  const line: Record<string, unknown> = {
    runId: row.runKey,
    runner: row.runner,
    commit: row.commit,
    branch: row.branch,
    startedAt: row.startedAt,
    file: row.file,
    fullName: row.fullName,
    attempt: row.attempt,
    status: row.status,
    durationMs: row.durationMs,
    errorMessage: row.errorMessage,
    errorName: row.errorName,
    shard: row.shard,
    job: row.job,
    project: row.testProject ?? row.project,
    endedAt: row.endedAt,
    outcome: row.outcome,
    runnerVersion: row.runnerVersion,
    ci: row.ci,
  }
  for (const key of Object.keys(line)) if (line[key] === null) delete line[key]
  return JSON.stringify(line)
}

/** The export row of an attempt that never reached the store. */
export function executionRow(run: RunInfo, end: RunEnd | undefined, a: AttemptRecord): ExecutionRow {
  return {
    runKey: run.runKey,
    runner: run.runner,
    runnerVersion: run.runnerVersion ?? null,
    project: run.project ?? null,
    startedAt: run.startedAt.toISOString(),
    endedAt: end?.endedAt.toISOString() ?? null,
    commit: run.commit ?? null,
    branch: run.branch ?? null,
    ci: run.ci ?? null,
    job: run.job ?? null,
    shard: run.shard ?? null,
    outcome: end?.outcome ?? 'running',
    file: a.file,
    fullName: a.fullName,
    attempt: a.attempt,
    final: 0,
    status: a.status,
    durationMs: a.durationMs ?? null,
    errorName: a.errorName ?? null,
    errorMessage: a.errorMessage ?? null,
    testProject: a.project ?? null,
  }
}
