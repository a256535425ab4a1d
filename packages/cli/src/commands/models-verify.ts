import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { loadLlm } from '../optional-package.js'
import { llmConfig } from './llm-context.js'

/** `aqe models verify <model>`: exit 1 when the file is not a GGUF model or its checksum differs. */
export async function runModelsVerify(model: string, options: { sha256?: string; cacheDir?: string; json?: boolean }): Promise<void> {
  const config = await llmConfig()
  const { defaultCacheDir, verifyModel } = await loadLlm()
  const cached = join(options.cacheDir ?? defaultCacheDir(config.modelCacheDir), model)
  const path = !existsSync(model) && existsSync(cached) ? cached : model
  const result = await verifyModel(path, options.sha256?.toLowerCase())
  if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  else if (result.ok)
    process.stdout.write(`${result.path}: ok, sha256 ${result.sha256}${result.expected ? ' (matches)' : ' (no checksum to compare)'}\n`)
  else
    process.stdout.write(
      `${result.path}: FAILED, ${result.problem} (sha256 ${result.sha256}${result.expected ? `, expected ${result.expected}` : ''})\n`,
    )
  if (!result.ok) process.exitCode = 1
}
