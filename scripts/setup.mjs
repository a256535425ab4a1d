#!/usr/bin/env node
// Installs and builds the workspace on a machine that has only Node and npm.
// pnpm is installed with npm when missing; native addons (better-sqlite3) compile against the
// headers of the running Node when they are on disk, so no header download is needed.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

const run = (command, env = {}) => {
  process.stderr.write(`\n> ${command}\n`)
  execSync(command, { stdio: 'inherit', env: { ...process.env, ...env } })
}
const has = (command) => {
  try {
    execSync(`${command} --version`, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

if (!has('pnpm')) run('npm install --global pnpm@12')
const prefix = dirname(dirname(process.execPath))
const env = existsSync(join(prefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: prefix } : {}
run('pnpm install --frozen-lockfile', env)

// The coverage-gap HTML test loads the report in Debian's Chromium (playwright-core drives it).
if (!existsSync('/usr/bin/chromium')) {
  if (process.platform === 'linux' && process.getuid?.() === 0 && has('apt-get')) {
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium')
  } else {
    process.stderr.write('\nChromium is missing at /usr/bin/chromium; the HTML report test needs it: sudo apt-get install chromium\n')
  }
}
run('pnpm run build')
