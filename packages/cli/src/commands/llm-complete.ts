import { InputError, isAqeError } from '@aqe/core'
import type { RoutedResult } from '@aqe/llm'
import pc from 'picocolors'
import { type CommonOptions, historyPath } from '../context.js'
import { formatMs } from '../format/table.js'
import { loadLlm } from '../optional-package.js'
import { positiveInt } from '../options.js'
import { llmConfig, progressPrinter, readSchemaFile } from './llm-context.js'

interface CompleteOptions extends CommonOptions {
  model?: string
  prompt: string
  schema?: string
  privacyMode?: string
  maxTokens: string
  timeout?: string
  openaiUrl?: string
  json?: boolean
}

/** `aqe llm complete`: one request through the pool and the router, with its telemetry. */
export async function runLlmComplete(options: CompleteOptions): Promise<void> {
  const config = await llmConfig(options.privacyMode)
  const schema = options.schema ? readSchemaFile(options.schema) : undefined
  const maxTokens = positiveInt(options.maxTokens, '--max-tokens')
  const timeoutMs = options.timeout ? positiveInt(options.timeout, '--timeout') : undefined
  if (options.openaiUrl !== undefined && !(/^https?:\/\//i.test(options.openaiUrl) && URL.canParse(options.openaiUrl))) {
    throw new InputError(`--openai-url must be a URL such as http://127.0.0.1:8080/v1, got "${options.openaiUrl}".`)
  }
  const db = await historyPath(options)
  const { openModelLayer, ProviderError } = await loadLlm()
  const model = options.model ?? config.model
  const layer = await openModelLayer({
    ...config,
    model,
    openaiBaseUrl: options.openaiUrl ?? config.openaiBaseUrl,
    timeoutMs: timeoutMs ?? config.timeoutMs,
    historyDb: db,
    onProgress: progressPrinter('aqe: downloading model'),
  })
  if (model) process.stderr.write(pc.dim(`aqe: loading ${model} in the worker pool\n`))
  try {
    const request = { prompt: options.prompt, maxTokens, schema, timeoutMs: layer.settings.timeoutMs }
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary(await layer.router.complete(request)), null, 2)}\n`)
      return
    }
    // Text streams to stdout as it is generated; the telemetry line follows on stderr.
    const stream = layer.router.stream(request)
    let next = await stream.next()
    while (!next.done) {
      process.stdout.write(next.value)
      next = await stream.next()
    }
    const result = next.value
    process.stdout.write('\n')
    const via = result.fallback ? pc.yellow(`fallback (${result.fallbackReason})`) : 'first choice'
    process.stderr.write(
      pc.dim(
        `${result.provider} ${result.model}, ${via}, ${formatMs(result.latencyMs)}, ${result.outputTokens ?? '?'} tokens, $${result.costUsd.toFixed(5)}, privacy ${result.privacyMode}\n`,
      ),
    )
  } catch (error) {
    // Every provider failing is the check failing (exit 1); bad input still exits 2 through main.
    if (!(error instanceof ProviderError) && !isAqeError(error, 'AQE_LLM_TIMEOUT')) throw error
    process.stderr.write(`aqe: ${(error as Error).message}\n`)
    process.exitCode = 1
  } finally {
    await layer.close()
  }
}

/** The documented `--json` object. */
function summary(r: RoutedResult) {
  const { text, json, provider, model, latencyMs, fallback, fallbackReason, promptTokens, outputTokens, costUsd, privacyMode, attempts } = r
  return { text, json, provider, model, latencyMs, fallback, fallbackReason, promptTokens, outputTokens, costUsd, privacyMode, attempts }
}
