import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listFiles, useCalcCopy } from '../../../test-helpers/calc-copy.js'
import { runAqe, runVitest } from '../../../test-helpers/fixture.js'
import { answerMessages } from '../../llm/test/helpers/anthropic-mock.js'
import { startLoopbackServer } from '../../llm/test/helpers/loopback-server.js'
import { sharedModel, sharedModelsMissing, sharedModelsPresent } from '../../llm/test/helpers/shared-models.js'
import { userFile } from './fill-gaps-e2e-helpers.js'

const GOOD =
  "```ts\nimport { describe, expect, it } from 'vitest'\nimport { stddev } from '../../src/stats'\n\ndescribe('stddev', () => {\n  it('is 0 for no values', () => {\n    expect(stddev([])).toBe(0)\n  })\n})\n```"
const WRONG =
  "```ts\nimport { expect, it } from 'vitest'\nimport { stddev } from '../../src/stats'\n\nit('is 42 for no values', () => {\n  expect(stddev([])).toBe(42)\n})\n```"

interface Summary {
  funnel: Record<string, number>
  repaired: number
  targets: Array<{ rejected: string[]; problems: string[] }>
}

describe('fill-gaps with the model generator (real SDK and node-llama-cpp, no network)', () => {
  const copy = useCalcCopy()

  async function fill(project: string, env: NodeJS.ProcessEnv, args: string[] = []) {
    expect((await runVitest(join(project, 'h.db'), ['--coverage.enabled', '--coverage.reporter=json'], {}, project)).code).toBe(0)
    const result = await runAqe(['fill-gaps', '--runner', 'vitest', '--only', 'stats', '--generator', 'model', '--json', ...args], {
      cwd: project,
      env: { ...process.env, AQE_HISTORY_DB: join(project, 'h.db'), ...env },
    })
    expect(result.code, result.stderr.slice(-3000)).toBe(0)
    return { summary: JSON.parse(result.stdout) as Summary, stderr: result.stderr }
  }

  it('a cloud answer that raises coverage is accepted', async () => {
    const project = copy()
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, GOOD))
    const { summary, stderr } = await fill(project, { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: api.url })
    expect(summary.funnel.accepted, stderr.slice(-2000)).toBe(1)
    expect(stderr).toContain("+  it('is 0 for no values'")
    expect(JSON.parse(api.requests[0]?.body ?? '{}').messages[0].content).toContain('src/stats.ts')
  })

  it('a failing answer gets one repair round with its error, then nothing is left behind', async () => {
    const project = copy()
    const before = listFiles(project).filter(userFile)
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, WRONG))
    const { summary } = await fill(project, { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: api.url }, ['--write'])
    expect(summary.funnel.failed).toBe(2)
    expect(summary.repaired).toBe(1)
    expect(summary.funnel.accepted ?? 0).toBe(0)
    expect(api.requests).toHaveLength(2)
    expect(api.requests[1]?.body).toContain('fails with this error')
    expect(api.requests[1]?.body).toContain('42')
    expect(
      listFiles(project)
        .filter(userFile)
        .filter((f) => !f.startsWith('h.db')),
    ).toEqual(before)
  })

  it('strict privacy keeps the prompt off the cloud and says why', async () => {
    const project = copy()
    const api = await startLoopbackServer((req, res) => answerMessages(req, res, GOOD))
    const { summary } = await fill(project, { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: api.url, AQE_PRIVACY_MODE: 'strict' })
    expect(api.requests).toHaveLength(0)
    expect(summary.funnel.accepted ?? 0).toBe(0)
    expect(summary.targets[0]?.problems.join('\n')).toMatch(/model/)
  })

  it.runIf(sharedModelsPresent)('a tiny local GGUF model runs through the funnel and its output is rejected', async () => {
    const project = copy()
    writeFileSync(join(project, 'aqe.config.json'), JSON.stringify({ llm: { model: sharedModel('stories260K.gguf') } }))
    const { summary, stderr } = await fill(project, { ANTHROPIC_API_KEY: '' })
    expect(summary.funnel.generated, stderr.slice(-2000)).toBeGreaterThan(0)
    expect(summary.funnel.accepted ?? 0).toBe(0)
    expect((summary.funnel.unparsable ?? 0) + (summary.funnel.trivial ?? 0) + (summary.funnel.failed ?? 0)).toBe(summary.funnel.generated)
  })
  if (!sharedModelsPresent) it.todo(sharedModelsMissing)
})
