import { InputError } from '@aqe/core'
import { loadLlm } from '../optional-package.js'
import { llmConfig, progressPrinter } from './llm-context.js'

interface PullOptions {
  sha256?: string
  privacyMode?: string
  cacheDir?: string
  json?: boolean
}

/** `aqe models pull <uri>`. */
export async function runModelsPull(uri: string, options: PullOptions): Promise<void> {
  const config = await llmConfig(options.privacyMode)
  if (options.sha256 !== undefined && !/^[0-9a-f]{64}$/i.test(options.sha256)) {
    throw new InputError(`--sha256 must be 64 hexadecimal characters, got "${options.sha256}".`)
  }
  const { defaultCacheDir, downloadModel, parseModelRef, parsePrivacyMode } = await loadLlm()
  const ref = parseModelRef(uri)
  if (ref.kind !== 'url') throw new InputError(`aqe models pull needs an https:// URL or hf:owner/repo/file.gguf, got "${uri}".`)
  const result = await downloadModel({
    url: ref.url,
    fileName: ref.fileName,
    sha256: options.sha256?.toLowerCase() ?? ref.sha256,
    cacheDir: options.cacheDir ?? defaultCacheDir(config.modelCacheDir),
    privacyMode: parsePrivacyMode(process.env.AQE_PRIVACY_MODE || config.privacyMode || 'balanced', 'the privacy mode'),
    onProgress: progressPrinter(`aqe: downloading ${ref.fileName}`),
  })
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    return
  }
  const how = result.cached ? 'already in the cache' : result.resumed ? 'resumed and completed' : 'downloaded'
  process.stdout.write(`${result.path}: ${how}, ${result.bytes} bytes, sha256 ${result.sha256}\n`)
}
