import { BroadcastChannel, threadId } from 'node:worker_threads'
import { workerData } from 'piscina'
import type { FailureReason } from '../errors.js'
import { LlamaEngine } from './llama-engine.js'
import type { WorkerReply, WorkerSettings, WorkerTask } from './worker-protocol.js'

// One engine per worker thread: the binary and every model load once and stay warm between tasks.
const settings = workerData as WorkerSettings
const engine = LlamaEngine.create(settings)

if (settings.disposeChannel) {
  const channel = new BroadcastChannel(settings.disposeChannel)
  channel.unref()
  // Every worker hears every message on the channel, the others' answers included: only the
  // pool's request may start a disposal, or two workers would answer each other's answers.
  channel.onmessage = (event) => {
    if ((event as MessageEvent).data !== 'dispose') return
    void engine
      .then((llama) => llama.dispose())
      .catch(() => undefined)
      .finally(() => channel.postMessage({ disposed: threadId }))
  }
}

/** The piscina task handler of a model-pool worker. */
export default async function handle(task: WorkerTask): Promise<WorkerReply> {
  const cancel = new AbortController()
  task.port?.on('message', (message) => {
    if (message === 'cancel') cancel.abort()
  })
  try {
    const llama = await engine
    switch (task.kind) {
      case 'load': {
        const model = await llama.load(task.modelPath)
        return { ok: true, contextSize: model.trainContextSize }
      }
      case 'tokenize':
        return { ok: true, tokens: await llama.tokenize(task.modelPath, task.text) }
      case 'embed':
        return { ok: true, vectors: await llama.embed(task.modelPath, task.texts) }
      case 'complete': {
        const port = task.stream ? task.port : undefined
        const result = await llama.complete(task.modelPath, task.prompt, {
          maxTokens: task.maxTokens,
          temperature: task.temperature,
          schema: task.schema,
          signal: AbortSignal.any([cancel.signal, AbortSignal.timeout(task.timeoutMs)]),
          onText: port ? (text) => port.postMessage(text) : undefined,
        })
        return { ok: true, ...result }
      }
      default:
        return { ok: false, reason: 'local-failed', message: `unknown task ${JSON.stringify(task)}` }
    }
  } catch (error) {
    return { ok: false, reason: reasonOf(error, cancel.signal.aborted), message: error instanceof Error ? error.message : String(error) }
  } finally {
    task.port?.close()
  }
}

function reasonOf(error: unknown, cancelled: boolean): FailureReason {
  if (cancelled) return 'cancelled'
  const name = error instanceof Error ? error.name : ''
  return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'local-failed'
}
