import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeQuarantineConformance } from '../../../test-helpers/describe-quarantine-conformance.js'
import { conformanceProject, runConformance } from '../../../test-helpers/quarantine-conformance.js'
import { useScratchProject } from '../../../test-helpers/scratch-project.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

describeQuarantineConformance('vitest', 'in-process')
// Under `aqe run` the plugin has already decided; the wrapper must pass its code through.
describeQuarantineConformance('vitest', 'wrapper', ['1', '2', '10'])

describe('Vitest after-run report', () => {
  const scratch = useScratchProject()
  const tempDir = useTempDir()

  it('writes the ignored failures, with the first message and attempts, to the GitHub job summary', async () => {
    const dir = scratch(conformanceProject('vitest'))
    const summary = join(tempDir(), 'summary.md')
    const result = await runConformance('vitest', 'in-process', dir, join(tempDir(), 'history.db'), {
      Q_FAIL: '1',
      GITHUB_STEP_SUMMARY: summary,
    })
    expect(result.code).toBe(0)
    const markdown = readFileSync(summary, 'utf8')
    expect(markdown).toContain('### Quarantined failures (ignored: the run passes)')
    expect(markdown).toMatch(/\| `q\.test\.js > suite > quarantined fails` \| 3 \| expected 'broken' to be 'ok'/)
  })

  it('warns once and keeps the failure when the quarantine file is invalid', async () => {
    const dir = scratch({ ...conformanceProject('vitest'), '.aqe/quarantine.json': '{"version":1,"tests":[{"id":"x"}]}' })
    const result = await runConformance('vitest', 'in-process', dir, join(tempDir(), 'history.db'), { Q_FAIL: '1' })
    expect(result.code).toBe(1)
    const warnings = result.stderr.split('\n').filter((l) => l.includes('[aqe]'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/quarantine\.json is invalid at "tests\.0\.reason".*Quarantine is not applied/)
  })
})
