import { z } from 'zod'

const share = z.number().gt(0).lte(1)

/** Shape of the config's `flaky` section; ranges are checked again, with option names, by resolveFlakyOptions. */
export const flakyConfigSchema = z.strictObject({
  defaultBranches: z.array(z.string().min(1)).optional(),
  windowDays: z.number().positive().optional(),
  stormFailureRatio: share.optional(),
  stormMinTests: z.number().int().positive().optional(),
  halfLifeRuns: z.number().positive().optional(),
  brokenAfterRuns: z.number().int().positive().optional(),
  minRuns: z.number().int().positive().optional(),
  minSameCommitFlakes: z.number().int().positive().optional(),
  minFailureEpisodes: z.number().int().positive().optional(),
  minFailureProbability: z.number().min(0).lt(1).optional(),
  credibleLevel: share.optional(),
})

/** Shape of the config's `quarantine` section. */
export const quarantineConfigSchema = z.strictObject({
  file: z.string().min(1).optional(),
  auto: z.boolean().optional(),
  activateAbove: z.number().gt(0).lt(1).optional(),
  releaseBelow: z.number().gt(0).lt(1).optional(),
  releaseConfidence: z.number().gt(0).lt(1).optional(),
  expiresAfterDays: z.number().min(0).optional(),
  owner: z.string().min(1).optional(),
})
