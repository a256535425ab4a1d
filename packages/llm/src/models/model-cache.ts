import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { InputError } from '@aqe/core'
import type { PrivacyMode } from '../privacy/privacy-mode.js'
import { type DownloadResult, downloadModel } from './download-model.js'
import { sha256File } from './file-checksum.js'
import { parseModelRef } from './model-ref.js'

/** The default model cache: `AQE_MODEL_CACHE`, else `~/.cache/aqe/models` (outside any repository). */
export function defaultCacheDir(configured?: string): string {
  return process.env.AQE_MODEL_CACHE || configured || join(homedir(), '.cache', 'aqe', 'models')
}

/** A model file in the cache. */
export interface CachedModel {
  name: string
  path: string
  bytes: number
  /** The checksum recorded at download time, if any. */
  sha256?: string
  /** True when an interrupted download of it waits to be resumed. */
  partial: boolean
}

/** Lists the GGUF files (and unfinished downloads) in the cache. */
export function listCachedModels(cacheDir: string): CachedModel[] {
  if (!existsSync(cacheDir)) return []
  return readdirSync(cacheDir)
    .filter((name) => name.endsWith('.gguf') || name.endsWith('.gguf.part'))
    .sort()
    .map((name) => {
      const path = join(cacheDir, name)
      const partial = name.endsWith('.part')
      return { name: partial ? name.slice(0, -5) : name, path, bytes: statSync(path).size, sha256: recordedSha256(path), partial }
    })
}

/** The outcome of checking one model file. */
export interface VerifyResult {
  path: string
  ok: boolean
  sha256: string
  expected?: string
  /** Why it failed: not a GGUF file, or a checksum mismatch. */
  problem?: string
}

/** Checks a model file: GGUF magic bytes, and the sha256 against `expected` or the one recorded at download. */
export async function verifyModel(path: string, expected?: string): Promise<VerifyResult> {
  if (!existsSync(path)) throw new InputError(`Model file not found: ${path}. Check the path, or pull it with: aqe models pull <url>.`)
  const sha256 = await sha256File(path)
  const want = expected ?? recordedSha256(path)
  const magic = readMagic(path)
  if (magic !== 'GGUF') return { path, ok: false, sha256, expected: want, problem: 'not a GGUF file (bad magic bytes)' }
  if (want && want !== sha256) return { path, ok: false, sha256, expected: want, problem: 'sha256 mismatch' }
  return { path, ok: true, sha256, expected: want }
}

/**
 * Turns a model argument into a GGUF file on disk: a path must exist; a URL is downloaded into
 * the cache (or found there).
 */
export async function resolveModel(
  value: string,
  options: { cacheDir: string; privacyMode?: PrivacyMode; onProgress?: (received: number, total?: number) => void },
): Promise<{ path: string; download?: DownloadResult }> {
  const ref = parseModelRef(value)
  if (ref.kind === 'file') {
    const path = resolve(ref.path)
    if (!existsSync(path)) throw new InputError(`Model file not found: ${path}. Pass a GGUF file that exists, or a model URL to download.`)
    return { path }
  }
  const download = await downloadModel({ url: ref.url, fileName: ref.fileName, sha256: ref.sha256, ...options })
  return { path: download.path, download }
}

function recordedSha256(path: string): string | undefined {
  const sidecar = `${path.replace(/\.part$/, '')}.sha256`
  if (!existsSync(sidecar)) return undefined
  return /^[0-9a-f]{64}/.exec(readFileSync(sidecar, 'utf8'))?.[0]
}

function readMagic(path: string): string {
  const fd = openSync(path, 'r')
  try {
    const bytes = Buffer.alloc(4)
    readSync(fd, bytes, 0, 4, 0)
    return bytes.toString('latin1')
  } finally {
    closeSync(fd)
  }
}
