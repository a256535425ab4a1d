#!/usr/bin/env node
import { runWrappedRunner } from '@aqe/core'

// `aqe-jest` is `jest` that also takes `--aqe-fill-gaps`, which Jest's own CLI rejects. fill-gaps
// works from the run's coverage map, so the flag turns coverage on, and Jest's "did not exit one
// second after the test run" warning is off while the candidates run.
await runWrappedRunner('jest', (args) => [
  ...(args.includes('--coverage') ? [] : ['--coverage']),
  ...(args.some((a) => a.startsWith('--openHandlesTimeout')) ? [] : ['--openHandlesTimeout=0']),
])
