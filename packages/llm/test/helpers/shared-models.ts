import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { repoRoot } from '../../../../test-helpers/fixture.js'

// The small GGUF files shared beside the repository (never committed); see ../shared/models/README.md.
const SHA256: Record<string, string> = {
  'stories260K.gguf': '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d',
  'llama-2-tiny-random.gguf': '81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb',
  'ggml-vocab-llama-spm.gguf': '16c3724582d59aa8bf84711894e833f916ee46a31d80e21312759c48bf8d0e69',
  'ggml-vocab-deepseek-coder.gguf': '91cb1379f2e33af1c4866b194622b7a0e12e8f0c9dba7ba2f10d55978730bec1',
}

/** Where the shared models are: `AQE_TEST_MODELS`, else `../shared/models` relative to the repository. */
export const sharedModelsDir = process.env.AQE_TEST_MODELS ?? resolve(repoRoot, '..', 'shared', 'models')

/** True when the shared model folder is present (it is absent in a user's clone). */
export const sharedModelsPresent = existsSync(join(sharedModelsDir, 'stories260K.gguf'))

/** Why model tests did not run, printed when the folder is absent. */
export const sharedModelsMissing = `shared GGUF models not found in ${sharedModelsDir}: set AQE_TEST_MODELS to a folder holding stories260K.gguf (see ../shared/models/README.md); the self-made tiny GGUF tests still cover the same code`

/** The path of a shared model, after checking its sha256 so a changed file cannot pass silently. */
export function sharedModel(name: keyof typeof SHA256 | string): string {
  const path = join(sharedModelsDir, name)
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex')
  if (sha256 !== SHA256[name]) throw new Error(`${path} has sha256 ${sha256}, expected ${SHA256[name]}: the shared model changed`)
  return path
}

if (!sharedModelsPresent) process.stderr.write(`[aqe llm tests] ${sharedModelsMissing}\n`)
