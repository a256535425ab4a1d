import { loadLlm } from '../optional-package.js'
import { llmConfig } from './llm-context.js'

/** `aqe models list`. */
export async function runModelsList(options: { cacheDir?: string; json?: boolean }): Promise<void> {
  const config = await llmConfig()
  const { defaultCacheDir, listCachedModels } = await loadLlm()
  const cacheDir = options.cacheDir ?? defaultCacheDir(config.modelCacheDir)
  const models = listCachedModels(cacheDir)
  if (options.json) {
    process.stdout.write(`${JSON.stringify(models, null, 2)}\n`)
    return
  }
  if (models.length === 0) {
    process.stdout.write(`No models in ${cacheDir}. Download one with: aqe models pull <url>\n`)
    return
  }
  const lines = models.map(
    (m) =>
      `${m.name}  ${(m.bytes / 1_048_576).toFixed(1)} MiB  ${m.partial ? 'partial download (pull again to resume)' : (m.sha256 ?? 'no checksum recorded')}`,
  )
  process.stdout.write(`${cacheDir}\n${lines.join('\n')}\n`)
}
