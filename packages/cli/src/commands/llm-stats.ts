import { existsSync } from 'node:fs'
import type { LlmStats } from '@aqe/llm'
import pc from 'picocolors'
import { type CommonOptions, historyPath } from '../context.js'
import { formatMs, formatTable } from '../format/table.js'
import { loadLlm } from '../optional-package.js'

interface StatsOptions extends CommonOptions {
  json?: boolean
}

/** `aqe llm stats`: model requests by provider, from the telemetry in the history store. */
export async function runLlmStats(options: StatsOptions): Promise<void> {
  const db = await historyPath(options)
  if (!existsSync(db)) {
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ requests: 0, providers: [], fallbackReasons: {} }, null, 2)}\n`
        : render({ requests: 0, providers: [], fallbackReasons: {} }),
    )
    return
  }
  const { TelemetryStore } = await loadLlm()
  const store = TelemetryStore.open(db)
  try {
    const stats = store.stats()
    process.stdout.write(options.json ? `${JSON.stringify(stats, null, 2)}\n` : render(stats))
  } finally {
    store.close()
  }
}

function render(s: LlmStats): string {
  if (s.requests === 0) return 'No model requests recorded yet: run aqe llm complete or a command that uses a model.\n'
  const table = formatTable(
    ['provider', 'model', 'requests', 'ok', 'failed', 'blocked', 'fallbacks', 'mean', 'p95', 'tokens', 'cost'],
    s.providers.map((p) => [
      p.provider,
      p.model,
      String(p.requests),
      String(p.ok),
      String(p.failed),
      String(p.blocked),
      String(p.fallbacks),
      formatMs(p.meanLatencyMs),
      formatMs(p.p95LatencyMs),
      String(p.outputTokens),
      `$${p.costUsd.toFixed(4)}`,
    ]),
    new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]),
  )
  const reasons = Object.entries(s.fallbackReasons).map(([reason, n]) => `  ${reason}: ${n}`)
  return `${pc.bold('aqe llm stats')} ${s.requests} requests\n${table}\n${reasons.length > 0 ? `\nFallback reasons\n${reasons.join('\n')}\n` : ''}`
}
