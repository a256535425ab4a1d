import { z } from 'zod'
import { ConfigError } from '../errors.js'
import { flakyConfigSchema, quarantineConfigSchema } from '../flaky/flaky-config-schema.js'
import type { AqeConfig } from './aqe-config.js'
import { patternsConfigSchema } from './patterns-config-schema.js'

const configSchema = z.strictObject({
  historyDb: z.string().min(1).optional(),
  llm: z
    .strictObject({
      privacyMode: z.enum(['off', 'balanced', 'strict']).optional(),
      model: z.string().min(1).optional(),
      modelCacheDir: z.string().min(1).optional(),
      auditLog: z.string().min(1).optional(),
      cloudModel: z.string().min(1).optional(),
      openaiBaseUrl: z.string().url().optional(),
      timeoutMs: z.number().int().positive().optional(),
      latencyBudgetMs: z.number().int().positive().optional(),
      costBudgetUsd: z.number().nonnegative().optional(),
      workers: z.number().int().positive().optional(),
    })
    .optional(),
  gaps: z.strictObject({ critical: z.array(z.string().min(1)).optional() }).optional(),
  flaky: flakyConfigSchema.optional(),
  quarantine: quarantineConfigSchema.optional(),
  patterns: patternsConfigSchema.optional(),
})

/** Validates a raw config object; the message names the offending option and where it came from. */
export function validateConfig(raw: unknown, source: string): AqeConfig {
  const result = configSchema.safeParse(raw)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)'
    if (issue.code === 'unrecognized_keys') return `unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    return `option "${path}": ${issue.message}`
  })
  throw new ConfigError(`Invalid aqe config in ${source}: ${issues.join('; ')}. Fix the value or remove it.`)
}
