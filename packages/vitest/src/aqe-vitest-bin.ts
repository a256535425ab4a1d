#!/usr/bin/env node
import { runWrappedRunner } from '@aqe/core'

// `aqe-vitest` is `vitest` that also takes `--aqe-fill-gaps`, which Vitest's own CLI rejects.
await runWrappedRunner('vitest')
