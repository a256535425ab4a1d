import type { Command } from 'commander'
import { withCommonOptions } from '../context.js'
import { lazyAction } from '../lazy-action.js'
import { registerModelsCommands } from './models.js'

/** `aqe llm`, `aqe models` and `aqe privacy`: the model layer. */
export function registerLlmCommands(program: Command): void {
  const llm = program.command('llm').description('Run prompts through local models with cloud fallback; inspect the model layer.')
  withCommonOptions(llm.command('complete'))
    .description('Send one prompt through the worker pool and the router; prints the answer and its telemetry.')
    .requiredOption('--prompt <text>', 'the prompt')
    .option('--model <path|uri>', 'local GGUF file or model URL (default: config llm.model)')
    .option('--schema <file>', 'JSON schema file the answer must follow')
    .option('--privacy-mode <mode>', 'off, balanced or strict (default: config llm.privacyMode, AQE_PRIVACY_MODE, then balanced)')
    .option('--max-tokens <n>', 'most tokens to generate', '128')
    .option('--timeout <ms>', 'per-request timeout (default: config llm.timeoutMs, then 60000)')
    .option('--openai-url <url>', 'an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1')
    .option('--json', 'print a JSON object: text, json, provider, model, latencyMs, fallback, fallbackReason, tokens, cost, attempts')
    .action(lazyAction(async () => (await import('./llm-complete.js')).runLlmComplete))
  llm
    .command('doctor')
    .description('Show what the model layer finds: GPU and VRAM, llama.cpp binary, cores and threads, cached models, cloud settings.')
    .option('--model <path|uri>', 'size the pool plan for this model')
    .option('--json', 'print a JSON object')
    .exitOverride()
    .action(lazyAction(async () => (await import('./llm-doctor.js')).runLlmDoctor))
  withCommonOptions(llm.command('stats'))
    .description('Model requests by provider and model: outcomes, latency, tokens, cost and fallback reasons.')
    .option('--json', 'print a JSON object')
    .action(lazyAction(async () => (await import('./llm-stats.js')).runLlmStats))
  registerModelsCommands(program)
  const privacy = program.command('privacy').description('The privacy audit trail of the model layer.')
  privacy
    .command('report', { isDefault: true })
    .description('Summarise the audit log for a compliance review; exits 1 if strict mode ever let a prompt leave the machine.')
    .option('--audit-log <file>', 'audit log (default: config llm.auditLog, then .aqe/llm-audit.jsonl)')
    .option('--json', 'print a JSON object')
    .exitOverride()
    .action(lazyAction(async () => (await import('./privacy-report.js')).runPrivacyReport))
}
