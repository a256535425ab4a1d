import { availableParallelism, loadavg } from 'node:os'

/** How a pool uses the machine: workers, threads per worker and parallel sequences per worker. */
export interface Concurrency {
  workers: number
  threadsPerWorker: number
  sequencesPerWorker: number
}

/** What the machine offers, as measured by `aqe llm doctor` or at pool start. */
export interface MachineResources {
  cores: number
  gpu: boolean
  /** Free GPU memory in bytes (0 without a GPU). */
  vramFreeBytes: number
  /** The model file's size, a lower bound on the memory one loaded copy needs. */
  modelBytes: number
}

/**
 * Plans the pool so it never oversubscribes: node-llama-cpp's default thread count exceeds the cores
 * on small machines and runs about 1000x slower. On a GPU one worker holds the model once and serves
 * parallel sequences, as many as the free VRAM fits beside it (at most 4); on the CPU the cores are
 * split between workers.
 */
export function planConcurrency(machine: MachineResources, requestedWorkers?: number): Concurrency {
  const cores = Math.max(1, machine.cores)
  if (machine.gpu) {
    const spare = machine.vramFreeBytes - machine.modelBytes
    const sequences = Math.max(1, Math.min(4, Math.floor(spare / Math.max(machine.modelBytes, 1))))
    return { workers: requestedWorkers ?? 1, threadsPerWorker: cores, sequencesPerWorker: sequences }
  }
  const workers = Math.min(requestedWorkers ?? 1, cores)
  return { workers, threadsPerWorker: Math.max(1, Math.floor(cores / workers)), sequencesPerWorker: 2 }
}

/** Cores this process may use. */
export function availableCores(): number {
  return availableParallelism()
}

/**
 * Cores not already busy with other work (cores minus the 1-minute load average, at least 1).
 * llama.cpp threads wait on each other at every layer, so one thread competing for a busy core
 * stalls all of them: measured here, 2 threads on 2 loaded cores ran stories260K at 8 tokens/s
 * where 1 thread ran at 500.
 */
export function idleCores(): number {
  return Math.max(1, Math.min(availableParallelism(), availableParallelism() - Math.floor(loadavg()[0])))
}
