// The `@aqe/core/config` entry: finding and loading the project config and resolving the store path,
// without the history store and the importers that the main entry loads (the schemas, and zod with
// them, load only when there is a config to check).
export type { AqeConfig, GapsConfig, LlmConfig } from './aqe-config.js'
export { defineConfig } from './aqe-config.js'
export { type LoadedConfig, loadConfig } from './load-config.js'
export { DEFAULT_HISTORY_DB, resolveHistoryPath } from './resolve-history-path.js'
