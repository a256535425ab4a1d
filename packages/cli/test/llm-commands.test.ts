import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { aqeBin, runAqe } from '../../../test-helpers/fixture.js'
import { runProcess } from '../../../test-helpers/run-process.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { answerMessages } from '../../llm/test/helpers/anthropic-mock.js'
import { startLoopbackServer } from '../../llm/test/helpers/loopback-server.js'
import { sharedModel, sharedModelsPresent } from '../../llm/test/helpers/shared-models.js'
import { writeTinyGguf } from '../../llm/test/helpers/write-tiny-gguf.js'

const noCloud = { ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: '', AQE_PRIVACY_MODE: '' }

describe('aqe llm complete', () => {
  const tempDir = useTempDir()

  function project() {
    const cwd = tempDir()
    const model = join(cwd, 'tiny.gguf')
    writeTinyGguf(model)
    return { cwd, model, env: { ...noCloud, AQE_MODEL_CACHE: join(cwd, 'cache') } }
  }

  it('answers with a local model and prints JSON telemetry, recorded for llm stats and the privacy report', async () => {
    const { cwd, model, env } = project()
    const schemaFile = join(cwd, 'answer.schema.json')
    writeFileSync(schemaFile, JSON.stringify({ type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] }))
    const run = await runAqe(
      ['llm', 'complete', '--model', model, '--prompt', 'status?', '--schema', schemaFile, '--max-tokens', '24', '--json'],
      {
        cwd,
        env,
      },
    )
    expect(run.stderr).toContain('loading')
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout)
    expect(out).toMatchObject({
      provider: 'local',
      model: 'tiny.gguf',
      fallback: false,
      privacyMode: 'balanced',
      json: { ok: expect.any(Boolean) },
    })
    expect(out.latencyMs).toBeGreaterThan(0)
    expect(JSON.parse(out.text)).toEqual(out.json)

    const stats = await runAqe(['llm', 'stats', '--json'], { cwd, env })
    expect(JSON.parse(stats.stdout).providers).toEqual([
      expect.objectContaining({ provider: 'local', model: 'tiny.gguf', requests: 1, ok: 1 }),
    ])
    const report = await runAqe(['privacy', 'report', '--json'], { cwd, env })
    expect(report.code).toBe(0)
    expect(JSON.parse(report.stdout)).toMatchObject({ entries: 1, sentOffMachine: 0, strictViolations: 0 })
  })

  it.runIf(sharedModelsPresent)('prints the answer of stories260K and its telemetry on stderr', async () => {
    const { cwd, env } = project()
    const run = await runAqe(
      ['llm', 'complete', '--model', sharedModel('stories260K.gguf'), '--prompt', 'Once upon a time', '--max-tokens', '8'],
      { cwd, env },
    )
    expect(run.code).toBe(0)
    expect(run.stdout.trim().length).toBeGreaterThan(0)
    expect(run.stderr).toMatch(/local stories260K\.gguf, first choice, .*8 tokens/)
  })

  it('falls back to the cloud through ANTHROPIC_BASE_URL when the local model fails', async () => {
    const { cwd, env } = project()
    const broken = join(cwd, 'broken.gguf')
    writeFileSync(broken, Buffer.concat([Buffer.from('GGUF'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(64, 0xff)]))
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, 'from the cloud'))
    const cloudEnv = { ...env, ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: api.url }
    const run = await runAqe(['llm', 'complete', '--model', broken, '--prompt', 'hi', '--json'], { cwd, env: cloudEnv })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      text: 'from the cloud',
      provider: 'anthropic',
      fallback: true,
      fallbackReason: 'local-failed',
    })
    expect(api.requests).toHaveLength(1)

    const strict = await runAqe(['llm', 'complete', '--model', broken, '--prompt', 'hi', '--privacy-mode', 'strict'], {
      cwd,
      env: cloudEnv,
    })
    expect(strict.code).toBe(1)
    expect(strict.stderr).toMatch(/strict mode: only local models/)
    expect(api.requests).toHaveLength(1)
    const report = JSON.parse((await runAqe(['privacy', 'report', '--json'], { cwd, env })).stdout)
    expect(report).toMatchObject({ sentOffMachine: 1, strictViolations: 0, byMode: { balanced: 2, strict: 2 } })
  })

  it('rejects bad input with one message naming the problem and the fix (exit 2)', async () => {
    const { cwd, model, env } = project()
    const cases: [string[], RegExp][] = [
      [['--model', join(cwd, 'missing.gguf')], /Model file not found: .*missing\.gguf\. Pass a GGUF file that exists/],
      [['--model', model, '--schema', join(cwd, 'none.json')], /Schema file not found: .*none\.json\. Pass a JSON schema file/],
      [['--model', model, '--privacy-mode', 'paranoid'], /--privacy-mode must be one of off, balanced, strict, got "paranoid"/],
      [['--model', model, '--max-tokens', '0'], /--max-tokens must be a positive integer/],
      [['--model', model, '--openai-url', 'localhost:8080'], /--openai-url must be a URL such as http:\/\/127\.0\.0\.1:8080\/v1/],
    ]
    writeFileSync(join(cwd, 'bad.json'), '{ not json')
    cases.push([['--model', model, '--schema', join(cwd, 'bad.json')], /bad\.json is not valid JSON .* Fix the JSON syntax/])
    for (const [args, message] of cases) {
      const run = await runAqe(['llm', 'complete', '--prompt', 'x', ...args], { cwd, env })
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(message)
    }
  })
})

describe('the llm section of the aqe config', () => {
  const tempDir = useTempDir()

  it('supplies the model and privacy mode, and an invalid value is named with the fix (exit 2)', async () => {
    const cwd = tempDir()
    writeTinyGguf(join(cwd, 'tiny.gguf'))
    writeFileSync(join(cwd, 'aqe.config.json'), JSON.stringify({ llm: { model: 'tiny.gguf', privacyMode: 'strict' } }))
    const run = await runAqe(['llm', 'complete', '--prompt', 'hi', '--max-tokens', '4', '--json'], { cwd, env: noCloud })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ provider: 'local', model: 'tiny.gguf', privacyMode: 'strict' })
    writeFileSync(join(cwd, 'aqe.config.json'), JSON.stringify({ llm: { privacyMode: 'paranoid' } }))
    const bad = await runAqe(['llm', 'complete', '--prompt', 'hi'], { cwd, env: noCloud })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/option "llm\.privacyMode".*Fix the value or remove it/)
  })
})

describe('aqe models and aqe llm doctor', () => {
  const tempDir = useTempDir()

  it('pulls a model from a URL with its checksum, lists it and verifies it', async () => {
    const cwd = tempDir()
    const source = join(cwd, 'source.gguf')
    writeTinyGguf(source)
    const bytes = readFileSync(source)
    const sha = createHash('sha256').update(bytes).digest('hex')
    const server = await startLoopbackServer((_req, res) => {
      res.writeHead(200, { 'content-length': bytes.length })
      res.end(bytes)
    })
    const env = { ...noCloud, AQE_MODEL_CACHE: join(cwd, 'cache') }
    const pull = await runAqe(['models', 'pull', `${server.url}/tiny.gguf`, '--sha256', sha], { cwd, env })
    expect(pull.code).toBe(0)
    expect(pull.stdout).toContain(`downloaded, ${bytes.length} bytes, sha256 ${sha}`)
    expect(pull.stderr).toContain('downloading tiny.gguf: 100%')
    const list = JSON.parse((await runAqe(['models', 'list', '--json'], { cwd, env })).stdout)
    expect(list).toEqual([expect.objectContaining({ name: 'tiny.gguf', bytes: bytes.length, sha256: sha, partial: false })])
    expect((await runAqe(['models', 'verify', 'tiny.gguf'], { cwd, env })).stdout).toContain('ok')
    const mismatch = await runAqe(['models', 'verify', 'tiny.gguf', '--sha256', '0'.repeat(64)], { cwd, env })
    expect(mismatch.code).toBe(1)
    expect(mismatch.stdout).toContain('FAILED, sha256 mismatch')
    const strict = await runAqe(['models', 'pull', 'https://huggingface.co/a/b/resolve/main/c.gguf', '--privacy-mode', 'strict'], {
      cwd,
      env,
    })
    expect(strict.code).toBe(2)
    expect(strict.stderr).toContain('Strict privacy mode forbids downloading')
  })

  it('completes with a model given by URL: downloaded into the cache with its checksum, then served', async () => {
    const cwd = tempDir()
    const source = join(cwd, 'source.gguf')
    writeTinyGguf(source)
    const bytes = readFileSync(source)
    const sha = createHash('sha256').update(bytes).digest('hex')
    const server = await startLoopbackServer((_req, res) => {
      res.writeHead(200, { 'content-length': bytes.length })
      res.end(bytes)
    })
    const env = { ...noCloud, AQE_MODEL_CACHE: join(cwd, 'cache') }
    const uri = `${server.url}/models/tiny-remote.gguf#sha256=${sha}`
    const run = await runAqe(
      ['llm', 'complete', '--model', uri, '--prompt', 'hi', '--max-tokens', '4', '--json', '--privacy-mode', 'strict'],
      { cwd, env },
    )
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ provider: 'local', model: 'tiny-remote.gguf', privacyMode: 'strict' })
    expect(readFileSync(join(cwd, 'cache', 'tiny-remote.gguf')).equals(bytes)).toBe(true)
    await runAqe(['llm', 'complete', '--model', uri, '--prompt', 'hi', '--max-tokens', '2'], { cwd, env })
    expect(server.requests).toHaveLength(1)
  })

  it('reports the binary, the GPU (none here), cores and the thread plan', async () => {
    const run = await runAqe(['llm', 'doctor', '--json'], { cwd: tempDir(), env: noCloud })
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.binary.buildType).toBe('prebuilt')
    expect(report.gpu).toMatchObject({ type: false, devices: [] })
    expect(report.plan.workers * report.plan.threadsPerWorker).toBeLessThanOrEqual(report.cpu.cores)
    expect(report.notes).toContain(
      'No GPU found: models run on the CPU, with threads split between workers so cores are never oversubscribed.',
    )
  })
})

describe('lazy loading of the model layer', () => {
  const tempDir = useTempDir()
  const logImports = join(import.meta.dirname, 'fixtures', 'log-heavy-imports.mjs')
  const run = (args: string[]) => runProcess(process.execPath, ['--import', logImports, aqeBin, ...args], { cwd: tempDir(), env: noCloud })

  it('loads neither @aqe/llm nor node-llama-cpp for other commands, and node-llama-cpp only where the binary is needed', async () => {
    const help = await run(['history', '--help'])
    expect(help.code).toBe(0)
    expect(help.stderr).not.toContain('[import]')
    const list = await run(['models', 'list', '--cache-dir', tempDir()])
    expect(list.stderr).toContain('[import] @aqe/llm')
    expect(list.stderr).not.toContain('[import] node-llama-cpp')
    const doctor = await run(['llm', 'doctor', '--json'])
    expect(doctor.stderr).toContain('[import] node-llama-cpp')
  })
})
