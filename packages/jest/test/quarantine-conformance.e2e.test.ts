import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeQuarantineConformance } from '../../../test-helpers/describe-quarantine-conformance.js'
import { conformanceProject, runConformance } from '../../../test-helpers/quarantine-conformance.js'
import { useScratchProject } from '../../../test-helpers/scratch-project.js'
import { useTempDir } from '../../../test-helpers/temp-dir.js'

describeQuarantineConformance('jest', 'wrapper')

describe('Jest without aqe run', () => {
  const scratch = useScratchProject()
  const tempDir = useTempDir()

  it('keeps its failing exit code: a reporter cannot turn a run green', async () => {
    const dir = scratch(conformanceProject('jest'))
    const result = await runConformance('jest', 'in-process', dir, join(tempDir(), 'history.db'), { Q_FAIL: '1' })
    expect(result.code).toBe(1)
    expect(result.stderr).not.toMatch(/\[aqe\]/)
  })
})
