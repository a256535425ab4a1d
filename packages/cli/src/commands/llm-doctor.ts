import { resolve } from 'node:path'
import type { DoctorReport } from '@aqe/llm'
import pc from 'picocolors'
import { loadLlm } from '../optional-package.js'
import { llmConfig } from './llm-context.js'

interface DoctorOptions {
  model?: string
  json?: boolean
}

/** `aqe llm doctor`: what the model layer finds on this machine. */
export async function runLlmDoctor(options: DoctorOptions): Promise<void> {
  const config = await llmConfig()
  const { defaultCacheDir, runDoctor, parseModelRef } = await loadLlm()
  const model = options.model ?? config.model
  const ref = model ? parseModelRef(model) : undefined
  const report = await runDoctor({
    cacheDir: defaultCacheDir(config.modelCacheDir),
    modelPath: ref?.kind === 'file' ? resolve(ref.path) : undefined,
    workers: config.workers,
  })
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : render(report))
}

function render(r: DoctorReport): string {
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`
  const lines = [
    pc.bold('aqe llm doctor'),
    `binary   llama.cpp ${r.binary.llamaCppRelease} (${r.binary.buildType}), loaded in ${r.binary.loadMs.toFixed(0)} ms`,
    `gpu      ${r.gpu.type === false ? 'none' : `${r.gpu.type}: ${r.gpu.devices.join(', ') || 'unnamed device'}, VRAM ${gib(r.gpu.vramFreeBytes)} free of ${gib(r.gpu.vramTotalBytes)}`}`,
    `cpu      ${r.cpu.cores} cores, ${r.cpu.idleCores} idle now (threads are sized by these), ${r.cpu.mathCores} math cores`,
    `pool     ${r.plan.workers} worker(s) x ${r.plan.threadsPerWorker} thread(s), ${r.plan.sequencesPerWorker} parallel sequence(s) each`,
    `cache    ${r.cacheDir} (${r.models.length} model file(s))`,
    ...r.models.map((m) => `         ${m.name} ${(m.bytes / 1_048_576).toFixed(1)} MiB${m.partial ? ' (partial download)' : ''}`),
    `cloud    ${r.cloud.apiKeySet ? `Anthropic at ${r.cloud.baseURL}` : 'off (ANTHROPIC_API_KEY not set)'}`,
    '',
    ...r.notes,
  ]
  return `${lines.join('\n')}\n`
}
