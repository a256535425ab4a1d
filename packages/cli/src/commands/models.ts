import type { Command } from 'commander'
import { lazyAction } from '../lazy-action.js'

const CACHE_OPTION = [
  '--cache-dir <dir>',
  'model cache (default: config llm.modelCacheDir, AQE_MODEL_CACHE, then ~/.cache/aqe/models)',
] as const

/** `aqe models list|pull|verify`: the local model cache. */
export function registerModelsCommands(program: Command): void {
  const models = program.command('models').description('List, download and verify local GGUF models in the model cache.')
  models
    .command('list', { isDefault: true })
    .description('List the models in the cache, with size and recorded checksum.')
    .option(...CACHE_OPTION)
    .option('--json', 'print a JSON array')
    .exitOverride()
    .action(lazyAction(async () => (await import('./models-list.js')).runModelsList))
  models
    .command('pull')
    .description('Download a model (https URL or hf:owner/repo/file.gguf) into the cache; an interrupted download resumes.')
    .argument('<uri>', 'model URL; append #sha256=HEX to check it')
    .option('--sha256 <hex>', 'expected sha256 of the file')
    .option('--privacy-mode <mode>', 'off, balanced or strict (strict allows only loopback URLs)')
    .option(...CACHE_OPTION)
    .option('--json', 'print a JSON object')
    .exitOverride()
    .action(lazyAction(async () => (await import('./models-pull.js')).runModelsPull))
  models
    .command('verify')
    .description('Check a model file: GGUF header and sha256 (against --sha256 or the one recorded at download); exits 1 on a mismatch.')
    .argument('<model>', 'a GGUF path, or the name of a file in the cache')
    .option('--sha256 <hex>', 'expected sha256 of the file')
    .option(...CACHE_OPTION)
    .option('--json', 'print a JSON object')
    .exitOverride()
    .action(lazyAction(async () => (await import('./models-verify.js')).runModelsVerify))
}
