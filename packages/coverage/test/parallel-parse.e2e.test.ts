import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateProject } from '../../../benchmarks/gaps/generate-project.mjs'
import { runAqe } from '../../../test-helpers/fixture.js'
import { analyseGaps, PARALLEL_THRESHOLD } from '../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'aqe-gaps-parallel-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('parsing sources on worker threads', () => {
  it('gives the built command the same ranked gaps as parsing on one thread', async () => {
    const coverage = generateProject(dir, { files: PARALLEL_THRESHOLD * 2, seed: 7 })
    const result = await runAqe(['gaps', '--coverage', coverage, '--format', 'json'], { cwd: dir })
    expect(result.code).toBe(0)
    const single = analyseGaps({ coverageFiles: [coverage], root: dir, parallelism: 1 })
    expect(JSON.parse(result.stdout).gaps).toEqual(single.gaps)
  })
})
