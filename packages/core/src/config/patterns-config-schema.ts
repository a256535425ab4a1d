import { z } from 'zod'

const positiveInt = z.number().int().positive()
const weight = z.number().min(0).finite()

/** Shape and ranges of the config's `patterns` section; validateConfig names the offending option. */
export const patternsConfigSchema = z.strictObject({
  embedder: z.enum(['hashed', 'sentence', 'gguf']).optional(),
  model: z.string().min(1).optional(),
  threads: positiveInt.optional(),
  exactBelow: z.number().int().min(0).optional(),
  keywordThreadFrom: z.union([z.number().int().min(0), z.literal(false)]).optional(),
  hnsw: z
    .strictObject({
      // hnswlib's "reasonable range" for M is 2-100; M = 1 breaks its level generator (1 / ln 1).
      m: z.number().int().min(2).max(100).optional(),
      efConstruction: positiveInt.optional(),
      efSearch: positiveInt.optional(),
    })
    .optional(),
  fusion: z
    .strictObject({
      window: positiveInt.optional(),
      rrfK: z.number().min(0).finite().optional(),
      denseWeight: weight.optional(),
      keywordWeight: weight.optional(),
      feedbackWeight: weight.optional(),
    })
    .refine((f) => f.denseWeight !== 0 || f.keywordWeight !== 0, {
      message: 'denseWeight and keywordWeight cannot both be 0: every result would score 0',
    })
    .optional(),
})
