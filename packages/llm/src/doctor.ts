import { statSync } from 'node:fs'
import { availableCores, type Concurrency, idleCores, planConcurrency } from './local/threads.js'
import { type CachedModel, listCachedModels } from './models/model-cache.js'

/** What `aqe llm doctor` found on this machine. */
export interface DoctorReport {
  binary: { buildType: string; llamaCppRelease: string; loadMs: number }
  gpu: { type: string | false; devices: string[]; vramTotalBytes: number; vramFreeBytes: number; offload: boolean }
  /** `idleCores` is what the pool sizes its threads by: cores minus the current load average. */
  cpu: { cores: number; idleCores: number; mathCores: number }
  /** How a pool would run here, for the configured model. */
  plan: Concurrency
  cacheDir: string
  models: CachedModel[]
  cloud: { apiKeySet: boolean; baseURL: string }
  notes: string[]
}

/** Inspects the llama.cpp binary, GPU, cores, model cache and cloud settings. */
export async function runDoctor(options: { cacheDir: string; modelPath?: string; workers?: number }): Promise<DoctorReport> {
  const started = performance.now()
  // Loaded here rather than at import: only the doctor and pool workers need the native binary.
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp')
  const llama = await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error })
  const loadMs = performance.now() - started
  try {
    const vram = await llama.getVramState()
    const devices = await llama.getGpuDeviceNames()
    const cores = availableCores()
    const idle = idleCores()
    const modelBytes = options.modelPath ? statSync(options.modelPath).size : 0
    const plan = planConcurrency({ cores: idle, gpu: llama.gpu !== false, vramFreeBytes: vram.free, modelBytes }, options.workers)
    const notes: string[] = []
    if (llama.gpu === false)
      notes.push('No GPU found: models run on the CPU, with threads split between workers so cores are never oversubscribed.')
    else notes.push(`GPU ${llama.gpu}: model layers are offloaded automatically (gpuLayers: auto).`)
    if (!process.env.ANTHROPIC_API_KEY) notes.push('ANTHROPIC_API_KEY is not set: the cloud fallback is off.')
    return {
      binary: { buildType: llama.buildType, llamaCppRelease: llama.llamaCppRelease.release, loadMs },
      gpu: { type: llama.gpu, devices, vramTotalBytes: vram.total, vramFreeBytes: vram.free, offload: llama.supportsGpuOffloading },
      cpu: { cores, idleCores: idle, mathCores: llama.cpuMathCores },
      plan,
      cacheDir: options.cacheDir,
      models: listCachedModels(options.cacheDir),
      cloud: { apiKeySet: Boolean(process.env.ANTHROPIC_API_KEY), baseURL: process.env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com' },
      notes,
    }
  } finally {
    await llama.dispose()
  }
}
