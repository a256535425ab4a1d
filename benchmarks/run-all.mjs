#!/usr/bin/env node
// Runs every benchmark of the history layer in turn; each prints its own figures and machine.
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
for (const script of ['ingest-throughput.mjs', 'history-query.mjs', 'reporter-overhead.mjs']) {
  execFileSync(process.execPath, [join(here, script), ...process.argv.slice(2)], { stdio: 'inherit' })
}
