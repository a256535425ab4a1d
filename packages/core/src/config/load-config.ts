import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError } from '../errors.js'
import type { AqeConfig } from './aqe-config.js'

const CONFIG_FILES = ['aqe.config.ts', 'aqe.config.mts', 'aqe.config.js', 'aqe.config.mjs', 'aqe.config.cjs', 'aqe.config.json']

/** A loaded config and the file it came from (undefined when none was found). */
export interface LoadedConfig {
  config: AqeConfig
  file?: string
}

/** Finds and loads the project's aqe config in `root`; no config file means an empty config. */
export async function loadConfig(root: string): Promise<LoadedConfig> {
  for (const name of CONFIG_FILES) {
    const file = join(root, name)
    if (!existsSync(file)) continue
    const raw = name.endsWith('.json') ? readJson(file) : await importModule(file)
    return { config: await validate(raw, file), file }
  }
  const pkgFile = join(root, 'package.json')
  if (existsSync(pkgFile)) {
    const pkg = readJson(pkgFile) as { aqe?: unknown }
    if (pkg.aqe !== undefined) return { config: await validate(pkg.aqe, `${pkgFile} ("aqe" key)`), file: pkgFile }
  }
  return { config: {} }
}

// The schema (and zod with it) loads only when there is a config to check: a project without one never pays for it.
async function validate(raw: unknown, source: string): Promise<AqeConfig> {
  const { validateConfig } = await import('./config-schema.js')
  return validateConfig(raw, source)
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(`Cannot parse ${file}: ${(error as Error).message}. Fix the JSON syntax.`, { cause: error })
  }
}

async function importModule(file: string): Promise<unknown> {
  try {
    // jiti loads TypeScript configs without asking the user to install a loader.
    const { createJiti } = await import('jiti')
    const jiti = createJiti(import.meta.url, { moduleCache: false })
    return await jiti.import(file, { default: true })
  } catch (error) {
    throw new ConfigError(`Cannot load ${file}: ${(error as Error).message}`, { cause: error })
  }
}
