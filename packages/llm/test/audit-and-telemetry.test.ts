import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { AuditLog, buildPrivacyReport, hashPrompt, TelemetryStore } from '../dist/index.js'

describe('privacy report', () => {
  const tempDir = useTempDir()

  it('summarises decisions per destination, counts prompts that left the machine and flags strict violations', () => {
    const log = new AuditLog(join(tempDir(), 'nested', 'audit.jsonl'))
    const base = { model: 'm', promptHash: hashPrompt('p'), time: '2026-11-21T00:00:00.000Z' }
    log.append({
      ...base,
      mode: 'strict',
      provider: 'local',
      kind: 'local',
      endpoint: '/m.gguf',
      decision: 'allowed',
      reason: 'first choice',
    })
    log.append({
      ...base,
      mode: 'strict',
      provider: 'anthropic',
      kind: 'cloud',
      endpoint: 'https://api.anthropic.com',
      decision: 'blocked',
      reason: 'strict mode',
    })
    log.append({
      ...base,
      mode: 'balanced',
      provider: 'anthropic',
      kind: 'cloud',
      endpoint: 'https://api.anthropic.com',
      decision: 'allowed',
      reason: 'fallback',
    })
    appendFileSync(log.path, 'not json\n')
    const report = buildPrivacyReport(log.path)
    expect(report).toMatchObject({
      entries: 3,
      invalidLines: 1,
      sentOffMachine: 1,
      strictViolations: 0,
      byMode: { strict: 2, balanced: 1 },
    })
    expect(report.destinations).toEqual([
      { provider: 'local', endpoint: '/m.gguf', onMachine: true, allowed: 1, blocked: 0 },
      { provider: 'anthropic', endpoint: 'https://api.anthropic.com', onMachine: false, allowed: 1, blocked: 1 },
    ])
    log.append({
      ...base,
      mode: 'strict',
      provider: 'anthropic',
      kind: 'cloud',
      endpoint: 'https://api.anthropic.com',
      decision: 'allowed',
      reason: 'x',
    })
    expect(buildPrivacyReport(log.path).strictViolations).toBe(1)
  })

  it('reads a missing log as empty', () => {
    expect(buildPrivacyReport(join(tempDir(), 'none.jsonl'))).toMatchObject({ entries: 0, sentOffMachine: 0 })
  })
})

describe('telemetry in the history store', () => {
  const tempDir = useTempDir()

  it('aggregates requests per provider with latency percentiles, tokens, cost and fallback reasons', () => {
    const store = TelemetryStore.open(join(tempDir(), 'history.db'))
    const row = { at: '2026-11-21T00:00:00.000Z', model: 'm', privacyMode: 'balanced', fallback: false }
    for (const latencyMs of [10, 20, 30]) store.record({ ...row, provider: 'local', outcome: 'ok', latencyMs, outputTokens: 5, costUsd: 0 })
    store.record({ ...row, provider: 'local', outcome: 'timeout', latencyMs: 100 })
    store.record({ ...row, provider: 'anthropic', outcome: 'ok', latencyMs: 50, costUsd: 0.002, fallback: true, fallbackReason: 'timeout' })
    store.record({ ...row, provider: 'anthropic', outcome: 'blocked', latencyMs: 0, error: 'strict mode' })
    const stats = store.stats()
    store.close()
    expect(stats.requests).toBe(6)
    expect(stats.fallbackReasons).toEqual({ timeout: 1 })
    expect(stats.providers).toEqual([
      {
        provider: 'local',
        model: 'm',
        requests: 4,
        ok: 3,
        failed: 1,
        blocked: 0,
        fallbacks: 0,
        meanLatencyMs: 40,
        p95LatencyMs: 100,
        outputTokens: 15,
        costUsd: 0,
      },
      {
        provider: 'anthropic',
        model: 'm',
        requests: 2,
        ok: 1,
        failed: 0,
        blocked: 1,
        fallbacks: 1,
        meanLatencyMs: 50,
        p95LatencyMs: 50,
        outputTokens: 0,
        costUsd: 0.002,
      },
    ])
  })
})
