import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { z } from 'zod'
import { InputError } from '../errors.js'
import type { QuarantineEntry, QuarantineFile } from './quarantine-entry.js'

/** The quarantine file's default location, relative to the project root. */
export const DEFAULT_QUARANTINE_FILE = '.aqe/quarantine.json'

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date')
const fileSchema = z.strictObject({
  version: z.literal(1),
  tests: z.array(
    z.strictObject({
      id: z.string().min(1),
      reason: z.string().min(1),
      owner: z.string().min(1).optional(),
      evidence: z.string().optional(),
      created: isoDate,
      expires: isoDate.optional(),
      source: z.enum(['manual', 'auto']),
    }),
  ),
})

/** Resolves the quarantine file path: `AQE_QUARANTINE_FILE`, then the configured path, then `.aqe/quarantine.json`. */
export function resolveQuarantinePath(root: string, configured?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.AQE_QUARANTINE_FILE || configured || DEFAULT_QUARANTINE_FILE
  return isAbsolute(chosen) ? chosen : resolve(root, chosen)
}

/** Reads and validates the quarantine file; a missing file is an empty quarantine. Throws InputError when invalid. */
export function readQuarantine(path: string): QuarantineEntry[] {
  if (!existsSync(path)) return []
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new InputError(
      `The quarantine file ${path} is not valid JSON (${(error as Error).message}). Fix it or restore it from version control.`,
    )
  }
  const parsed = fileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InputError(
      `The quarantine file ${path} is invalid at "${issue?.path.join('.') || '(root)'}": ${issue?.message}. Fix it or restore it from version control.`,
    )
  }
  const ids = new Set<string>()
  for (const entry of parsed.data.tests) {
    if (ids.has(entry.id)) throw new InputError(`The quarantine file ${path} lists "${entry.id}" twice. Keep one entry.`)
    ids.add(entry.id)
  }
  return parsed.data.tests
}

/** Writes the quarantine file atomically, sorted by id, in a stable layout that diffs well in review. */
export function writeQuarantine(path: string, entries: readonly QuarantineEntry[]): void {
  const file: QuarantineFile = { version: 1, tests: [...entries].sort((a, b) => a.id.localeCompare(b.id)).map(ordered) }
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(`${path}.tmp`, `${JSON.stringify(file, null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
}

// Same key order in every entry, so that reviews see only real changes.
function ordered(e: QuarantineEntry): QuarantineEntry {
  return {
    id: e.id,
    reason: e.reason,
    ...(e.owner === undefined ? {} : { owner: e.owner }),
    ...(e.evidence === undefined ? {} : { evidence: e.evidence }),
    created: e.created,
    ...(e.expires === undefined ? {} : { expires: e.expires }),
    source: e.source,
  }
}
