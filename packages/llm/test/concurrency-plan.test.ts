import { describe, expect, it } from 'vitest'
import { ModelPool, planConcurrency } from '../dist/index.js'

const cpu = { gpu: false, vramFreeBytes: 0, modelBytes: 100 }

describe('pool sizing', () => {
  it('splits CPU cores between workers and never oversubscribes', () => {
    expect(planConcurrency({ ...cpu, cores: 8 })).toEqual({ workers: 1, threadsPerWorker: 8, sequencesPerWorker: 2 })
    expect(planConcurrency({ ...cpu, cores: 8 }, 3)).toEqual({ workers: 3, threadsPerWorker: 2, sequencesPerWorker: 2 })
    expect(planConcurrency({ ...cpu, cores: 2 }, 4)).toEqual({ workers: 2, threadsPerWorker: 1, sequencesPerWorker: 2 })
    expect(planConcurrency({ ...cpu, cores: 0 })).toEqual({ workers: 1, threadsPerWorker: 1, sequencesPerWorker: 2 })
  })

  it('on a GPU keeps one copy of the model and adds parallel sequences as free VRAM allows', () => {
    const gib = 1024 ** 3
    expect(planConcurrency({ cores: 8, gpu: true, vramFreeBytes: 10 * gib, modelBytes: 2 * gib })).toEqual({
      workers: 1,
      threadsPerWorker: 8,
      sequencesPerWorker: 4,
    })
    expect(planConcurrency({ cores: 8, gpu: true, vramFreeBytes: 3 * gib, modelBytes: 2 * gib }).sequencesPerWorker).toBe(1)
  })

  it('sizes a pool from the machine it is given', async () => {
    const gib = 1024 ** 3
    const pool = new ModelPool({ machine: { cores: 4, gpu: true, vramFreeBytes: 8 * gib, modelBytes: 2 * gib } })
    expect(pool.workers).toBe(1)
    expect(pool.settings).toMatchObject({ threads: 4, sequences: 3 })
    await pool.close()
  })

  it('rejects pool options that are not positive integers, naming the option', () => {
    expect(() => new ModelPool({ workers: 0 })).toThrow(/options\.workers must be a positive integer, got 0/)
    expect(() => new ModelPool({ threadsPerWorker: 1.5 })).toThrow(/options\.threadsPerWorker must be a positive integer/)
  })
})
