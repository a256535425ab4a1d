import { loadConfig } from '../config/load-config.js'
import { resolveHistoryPath } from '../config/resolve-history-path.js'
import { describeRun, type RunDescription } from './describe-run.js'
import { RunRecorder } from './run-recorder.js'
import { type WarnFn, warnOnStderr } from './warn.js'

/** Options every runner integration accepts. */
export interface RecorderOptions {
  /**
   * History store path, relative to the project root. Overrides `AQE_HISTORY_DB` and the config.
   * @default '.aqe/history.db'
   */
  db?: string
  /** Record nothing; also set by `AQE_DISABLE=1`. @default false */
  disabled?: boolean
  /**
   * How long to wait for another writer's lock before setting this run's results aside, in ms.
   * `AQE_BUSY_TIMEOUT_MS` sets it too.
   * @default 10000
   */
  busyTimeoutMs?: number
}

/**
 * Resolves config and store path and starts recording a run. Returns undefined (after one
 * warning) when the configuration itself is unusable, so a reporter can carry on silently.
 */
export async function openRunRecorder(
  description: RunDescription,
  options: RecorderOptions = {},
  warn: WarnFn = warnOnStderr,
): Promise<RunRecorder | undefined> {
  if (options.disabled || process.env.AQE_DISABLE === '1') return undefined
  try {
    const { config } = await loadConfig(description.root)
    const dbPath = resolveHistoryPath(description.root, options.db, config)
    const envTimeout = Number(process.env.AQE_BUSY_TIMEOUT_MS)
    const busyTimeoutMs = options.busyTimeoutMs ?? (envTimeout > 0 ? envTimeout : undefined)
    return new RunRecorder({ dbPath, run: describeRun(description), warn, busyTimeoutMs })
  } catch (error) {
    warn(`${(error as Error).message} This run is not recorded; the test run is not affected.`)
    return undefined
  }
}
