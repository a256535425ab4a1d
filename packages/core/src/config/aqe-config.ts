/**
 * aqe's project configuration, read from `aqe.config.{ts,mts,js,mjs,cjs,json}` or the `"aqe"` key
 * of package.json. Every field is optional.
 */
export interface AqeConfig {
  /**
   * Where the history store lives, relative to the project root.
   * `AQE_HISTORY_DB` overrides it, and `--db` or a reporter's `db` option override both.
   * @default '.aqe/history.db'
   */
  historyDb?: string
}

/** Identity helper that gives `aqe.config.ts` type checking. */
export function defineConfig(config: AqeConfig): AqeConfig {
  return config
}
