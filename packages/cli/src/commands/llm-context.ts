import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { InputError, type LlmConfig, loadConfig } from '@aqe/core'
import type { JsonSchema, PrivacyMode } from '@aqe/llm'
import { oneOf } from '../options.js'

const MODES: readonly PrivacyMode[] = ['off', 'balanced', 'strict']

/** The project's `llm` config section, with `--privacy-mode` applied when given. */
export async function llmConfig(privacyMode?: string): Promise<LlmConfig> {
  const { config } = await loadConfig(process.cwd())
  const llm = config.llm ?? {}
  return privacyMode === undefined ? llm : { ...llm, privacyMode: oneOf(privacyMode, MODES, '--privacy-mode') }
}

/** Reads a JSON schema file given with `--schema`. */
export function readSchemaFile(file: string): JsonSchema {
  const path = resolve(file)
  if (!existsSync(path)) throw new InputError(`Schema file not found: ${path}. Pass a JSON schema file, e.g. --schema answer.schema.json.`)
  let schema: unknown
  try {
    schema = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new InputError(`Schema file ${path} is not valid JSON (${(error as Error).message}). Fix the JSON syntax.`)
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new InputError(`Schema file ${path} must hold a JSON schema object, e.g. {"type":"object","properties":{…}}.`)
  }
  return schema as JsonSchema
}

/** Prints download progress on stderr, at most once per whole percent. */
export function progressPrinter(label: string): (received: number, total?: number) => void {
  let last = -1
  return (received, total) => {
    const percent = total ? Math.floor((received / total) * 100) : -1
    if (percent === last && total) return
    last = percent
    const size = `${(received / 1_048_576).toFixed(1)} MiB`
    process.stderr.write(`\r${label}: ${total ? `${percent}% of ${(total / 1_048_576).toFixed(1)} MiB` : size}`)
    if (total && received >= total) process.stderr.write('\n')
  }
}
