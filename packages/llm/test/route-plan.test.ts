import { describe, expect, it } from 'vitest'
import { type Candidate, decidePrivacy, findSecret, planRoute, type RouteFacts } from '../dist/index.js'

const local: Candidate = { name: 'local', kind: 'local', endpoint: '/models/m.gguf', model: 'm.gguf' }
const loopback: Candidate = { name: 'openai-compatible', kind: 'local', endpoint: 'http://127.0.0.1:8080/v1', model: 'q' }
const cloud: Candidate = { name: 'anthropic', kind: 'cloud', endpoint: 'https://api.anthropic.com', model: 'claude-haiku-4-5' }
const facts = (over: Partial<RouteFacts> = {}): RouteFacts => ({ mode: 'off', promptTokens: 100, maxTokens: 50, ...over })
const names = (order: Candidate[]) => order.map((c) => c.name)

describe('route planning', () => {
  it('tries local models first, then the cloud', () => {
    expect(names(planRoute([local], [cloud], facts()).order)).toEqual(['local', 'anthropic'])
  })

  it('rules out a local model whose context cannot hold the prompt and the answer', () => {
    const plan = planRoute([local], [cloud], facts({ contextSize: () => 120 }))
    expect(names(plan.order)).toEqual(['anthropic'])
    expect(plan.leadReason).toBe('prompt-too-large')
    expect(plan.skipped[0]).toMatchObject({ reason: 'prompt-too-large', detail: expect.stringContaining('local context of 120') })
  })

  it('goes to the cloud first when the local model would miss the latency budget, only in off mode', () => {
    const slow = { latencyBudgetMs: 500, expectedLocalLatencyMs: 2_000 }
    expect(planRoute([local], [cloud], facts(slow))).toMatchObject({ order: [cloud, local], leadReason: 'latency-budget' })
    expect(names(planRoute([local], [cloud], facts({ ...slow, mode: 'balanced' })).order)).toEqual(['local', 'anthropic'])
  })

  it('rules out a cloud request estimated over the cost budget', () => {
    const plan = planRoute([local], [cloud], facts({ costBudgetUsd: 0.001, cloudCostUsd: () => 0.01 }))
    expect(names(plan.order)).toEqual(['local'])
    expect(plan.skipped[0].reason).toBe('cost-budget')
  })

  it('strict mode keeps only in-process models and loopback servers', () => {
    const plan = planRoute([local, loopback], [cloud], facts({ mode: 'strict' }))
    expect(names(plan.order)).toEqual(['local', 'openai-compatible'])
    expect(plan.skipped).toEqual([expect.objectContaining({ candidate: cloud, reason: 'privacy' })])
  })

  it('balanced mode keeps a prompt with a secret on the machine', () => {
    const plan = planRoute([local], [cloud], facts({ mode: 'balanced', secret: 'private key' }))
    expect(names(plan.order)).toEqual(['local'])
    expect(plan.skipped[0].detail).toMatch(/secret \(private key\)/)
  })

  it('says when no local model exists', () => {
    expect(planRoute([], [cloud], facts()).leadReason).toBe('no-local-model')
  })
})

describe('privacy guard', () => {
  it('allows the cloud in balanced mode only as a fallback', () => {
    expect(decidePrivacy('balanced', cloud, { fallback: false }).allowed).toBe(false)
    expect(decidePrivacy('balanced', cloud, { fallback: true }).allowed).toBe(true)
    expect(decidePrivacy('off', cloud, { fallback: false }).allowed).toBe(true)
    expect(decidePrivacy('strict', { kind: 'local', endpoint: 'http://10.0.0.5:8080/v1' }, { fallback: true }).allowed).toBe(false)
    expect(decidePrivacy('strict', { kind: 'local', endpoint: 'http://[::1]:8080/v1' }, { fallback: true }).allowed).toBe(true)
  })

  it('recognises common secrets', () => {
    expect(findSecret('-----BEGIN RSA PRIVATE KEY-----\nabc')).toBe('private key')
    expect(findSecret('token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB')).toBe('GitHub token')
    expect(findSecret('password = "hunter22"')).toBe('password assignment')
    expect(findSecret('expect(add(1, 2)).toBe(3)')).toBeUndefined()
  })
})
