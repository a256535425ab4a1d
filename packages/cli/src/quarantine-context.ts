import type { AqeConfig } from '@aqe/core'
import { loadConfig, type ResolvedQuarantineOptions, resolveQuarantineOptions, resolveQuarantinePath } from '@aqe/core'

/** The project's quarantine settings and file, resolved for a command run in the current directory. */
export interface QuarantineContext {
  config: AqeConfig
  options: ResolvedQuarantineOptions
  file: string
}

/** Loads the config and resolves the quarantine file; `--file` wins over config and environment. */
export async function quarantineContext(file?: string): Promise<QuarantineContext> {
  const root = process.cwd()
  const { config } = await loadConfig(root)
  const options = resolveQuarantineOptions(config.quarantine)
  return { config, options, file: file ? resolveQuarantinePath(root, file, {}) : resolveQuarantinePath(root, options.file) }
}
