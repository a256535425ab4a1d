import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { AqeError, InputError } from '@aqe/core'
import { BlockedError } from '../errors.js'
import { isLoopbackUrl } from '../privacy/loopback.js'
import type { PrivacyMode } from '../privacy/privacy-mode.js'
import { sha256File } from './file-checksum.js'

/** How a model download runs. */
export interface DownloadOptions {
  url: string
  /** The cache directory the file lands in. */
  cacheDir: string
  fileName: string
  /** Expected sha256; without it the computed one is recorded beside the file for later `verify`. */
  sha256?: string
  /** In `strict` mode only loopback URLs may be fetched. @default 'balanced' */
  privacyMode?: PrivacyMode
  /** Called as bytes arrive; `total` is undefined when the server does not say. */
  onProgress?: (received: number, total: number | undefined) => void
  signal?: AbortSignal
}

/** Where a download ended up. */
export interface DownloadResult {
  path: string
  sha256: string
  bytes: number
  /** True when an interrupted download was continued rather than restarted. */
  resumed: boolean
  /** True when the file was already in the cache. */
  cached: boolean
}

/**
 * Downloads a model into the cache: to `<file>.part` first, continued with an HTTP range request
 * after an interruption, checked against the expected sha256, then renamed into place. A checksum
 * mismatch deletes the partial file so the next attempt starts clean.
 */
export async function downloadModel(options: DownloadOptions): Promise<DownloadResult> {
  if (options.privacyMode === 'strict' && !isLoopbackUrl(options.url)) {
    throw new BlockedError(
      `Strict privacy mode forbids downloading ${options.url}. Download it in another mode or copy the file in by hand.`,
    )
  }
  mkdirSync(options.cacheDir, { recursive: true })
  const target = join(options.cacheDir, options.fileName)
  if (existsSync(target)) {
    const sha256 = await sha256File(target)
    if (!options.sha256 || options.sha256 === sha256)
      return { path: target, sha256, bytes: statSync(target).size, resumed: false, cached: true }
  }
  const part = `${target}.part`
  const offset = existsSync(part) ? statSync(part).size : 0
  const response = await fetchModel(options, offset)
  const resumed = offset > 0 && response.status === 206
  const total = contentTotal(response, resumed ? offset : 0)
  let received = resumed ? offset : 0
  // Synchronous writes: whatever arrived is on disk when the connection drops, so the resume starts there.
  const fd = openSync(part, resumed ? 'a' : 'w')
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      writeSync(fd, chunk)
      received += chunk.length
      options.onProgress?.(received, total)
    }
  } catch (error) {
    throw new InputError(
      `The download of ${options.url} was interrupted after ${received} bytes (${(error as Error).message}). Run the same command again: it resumes.`,
      { cause: error },
    )
  } finally {
    closeSync(fd)
  }
  const sha256 = await sha256File(part)
  if (options.sha256 && sha256 !== options.sha256) {
    rmSync(part, { force: true })
    throw new AqeError(
      'AQE_MODEL_CHECKSUM',
      `The download of ${options.url} has sha256 ${sha256}, expected ${options.sha256}. The partial file was deleted; check the URL and checksum, then pull again.`,
    )
  }
  renameSync(part, target)
  writeFileSync(`${target}.sha256`, `${sha256}  ${options.fileName}\n`)
  return { path: target, sha256, bytes: statSync(target).size, resumed, cached: false }
}

async function fetchModel(options: DownloadOptions, offset: number): Promise<Response> {
  let response: Response
  try {
    response = await fetch(options.url, { headers: offset > 0 ? { range: `bytes=${offset}-` } : {}, signal: options.signal })
  } catch (error) {
    const detail = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)
    throw new InputError(
      `Cannot download ${options.url}: ${detail}. Check the URL and your network, then pull again (the download resumes).`,
    )
  }
  if (response.status === 416 && offset > 0) {
    // The partial file is already complete or longer than the remote one: start over.
    rmSync(`${join(options.cacheDir, options.fileName)}.part`, { force: true })
    return fetchModel(options, 0)
  }
  if (!response.ok || !response.body) {
    throw new InputError(`Cannot download ${options.url}: the server answered ${response.status}. Check the URL.`)
  }
  return response
}

function contentTotal(response: Response, offset: number): number | undefined {
  const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')
  if (range) return Number(range[1])
  const length = Number(response.headers.get('content-length'))
  return Number.isFinite(length) && length > 0 ? length + offset : undefined
}
