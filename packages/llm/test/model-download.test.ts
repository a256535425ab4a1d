import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { BlockedError, downloadModel, listCachedModels, resolveModel, verifyModel } from '../dist/index.js'
import { startLoopbackServer } from './helpers/loopback-server.js'

// A fake model: the GGUF magic and random bytes, big enough to arrive in several chunks.
const model = Buffer.concat([Buffer.from('GGUF'), randomBytes(300_000)])
const modelSha = createHash('sha256').update(model).digest('hex')

/** Serves `model` with range support; `cutAfter` drops the first connection after that many bytes. */
async function modelServer(cutAfter?: number) {
  return startLoopbackServer((req, res, index) => {
    const range = /bytes=(\d+)-/.exec(req.headers.range ?? '')
    const start = range ? Number(range[1]) : 0
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream', 'content-length': model.length - start }
    if (range) headers['content-range'] = `bytes ${start}-${model.length - 1}/${model.length}`
    res.writeHead(range ? 206 : 200, headers)
    if (index === 0 && cutAfter !== undefined) {
      res.write(model.subarray(0, cutAfter), () => res.destroy())
      return
    }
    res.end(model.subarray(start))
  })
}

describe('model download into the cache', () => {
  const tempDir = useTempDir()

  it('downloads, checks the sha256, records it, and finds the file in the cache afterwards', async () => {
    const server = await modelServer()
    const cacheDir = tempDir()
    const progress: number[] = []
    const result = await downloadModel({
      url: `${server.url}/m/tiny.gguf`,
      fileName: 'tiny.gguf',
      cacheDir,
      sha256: modelSha,
      onProgress: (n) => progress.push(n),
    })
    expect(result).toMatchObject({ sha256: modelSha, bytes: model.length, resumed: false, cached: false })
    expect(readFileSync(result.path).equals(model)).toBe(true)
    expect(progress.at(-1)).toBe(model.length)
    expect(listCachedModels(cacheDir)).toEqual([expect.objectContaining({ name: 'tiny.gguf', sha256: modelSha, partial: false })])
    expect(await verifyModel(result.path)).toMatchObject({ ok: true, expected: modelSha })
    const again = await downloadModel({ url: `${server.url}/m/tiny.gguf`, fileName: 'tiny.gguf', cacheDir, sha256: modelSha })
    expect(again.cached).toBe(true)
    expect(server.requests).toHaveLength(1)
  })

  it('rejects a checksum mismatch and deletes the partial file', async () => {
    const server = await modelServer()
    const cacheDir = tempDir()
    const wrong = 'f'.repeat(64)
    const error = await downloadModel({ url: `${server.url}/tiny.gguf`, fileName: 'tiny.gguf', cacheDir, sha256: wrong }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'AQE_MODEL_CHECKSUM' })
    expect((error as Error).message).toContain(modelSha)
    expect(existsSync(join(cacheDir, 'tiny.gguf'))).toBe(false)
    expect(existsSync(join(cacheDir, 'tiny.gguf.part'))).toBe(false)
  })

  it('resumes an interrupted download with a range request', async () => {
    const server = await modelServer(100_000)
    const cacheDir = tempDir()
    const url = `${server.url}/tiny.gguf#sha256=${modelSha}`
    await expect(resolveModel(url, { cacheDir })).rejects.toThrow(/interrupted.*resumes/)
    const [partial] = listCachedModels(cacheDir)
    expect(partial).toMatchObject({ name: 'tiny.gguf', partial: true })
    expect(partial.bytes).toBeGreaterThan(0)
    const { path, download } = await resolveModel(url, { cacheDir })
    expect(download).toMatchObject({ resumed: true, sha256: modelSha })
    expect(server.requests[1].headers.range).toMatch(/^bytes=\d+-$/)
    expect(Number(/\d+/.exec(server.requests[1].headers.range ?? '')?.[0])).toBeGreaterThan(0)
    expect(readFileSync(path).equals(model)).toBe(true)
  })

  it('starts over when the server ignores the range request', async () => {
    const server = await startLoopbackServer((_req, res, index) => {
      res.writeHead(200, { 'content-length': model.length })
      if (index === 0) res.write(model.subarray(0, 50_000), () => res.destroy())
      else res.end(model)
    })
    const cacheDir = tempDir()
    const options = { url: `${server.url}/tiny.gguf`, fileName: 'tiny.gguf', cacheDir, sha256: modelSha }
    await expect(downloadModel(options)).rejects.toThrow(/interrupted/)
    const result = await downloadModel(options)
    expect(result).toMatchObject({ resumed: false, bytes: model.length, sha256: modelSha })
    expect(server.requests[1].headers.range).toMatch(/^bytes=/)
  })

  it('refuses to download from outside this machine in strict mode', async () => {
    const error = await downloadModel({
      url: 'https://huggingface.co/x/y/resolve/main/m.gguf',
      fileName: 'm.gguf',
      cacheDir: tempDir(),
      privacyMode: 'strict',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BlockedError)
  })

  it('flags a file that is not GGUF or whose checksum changed', async () => {
    const dir = tempDir()
    const notModel = join(dir, 'notes.gguf')
    writeFileSync(notModel, 'hello')
    expect(await verifyModel(notModel)).toMatchObject({ ok: false, problem: 'not a GGUF file (bad magic bytes)' })
    const file = join(dir, 'm.gguf')
    writeFileSync(file, model)
    expect(await verifyModel(file, '0'.repeat(64))).toMatchObject({ ok: false, problem: 'sha256 mismatch', sha256: modelSha })
  })
})
