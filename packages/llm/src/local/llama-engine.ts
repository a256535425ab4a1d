import {
  getLlama,
  type Llama,
  LlamaCompletion,
  type LlamaContext,
  type LlamaContextSequence,
  LlamaLogLevel,
  type LlamaModel,
} from 'node-llama-cpp'
import type { JsonSchema } from '../types.js'
import type { WorkerSettings } from './worker-protocol.js'

/** A completion produced by the engine. */
export interface EngineCompletion {
  text: string
  promptTokens: number
  outputTokens: number
}

interface WarmModel {
  model: LlamaModel
  context?: Promise<LlamaContext>
  free: LlamaContextSequence[]
  waiting: ((sequence: LlamaContextSequence) => void)[]
}

/**
 * node-llama-cpp with models kept warm: each model is loaded once and gets one context whose
 * sequences serve concurrent requests in parallel. Used inside pool workers and, for benchmarks,
 * directly.
 */
export class LlamaEngine {
  readonly llama: Llama
  private readonly settings: WorkerSettings
  private readonly models = new Map<string, Promise<WarmModel>>()
  private readonly vocabs = new Map<string, Promise<LlamaModel>>()
  private readonly grammars = new Map<string, ReturnType<Llama['createGrammarForJsonSchema']>>()

  private constructor(llama: Llama, settings: WorkerSettings) {
    this.llama = llama
    this.settings = settings
  }

  /** Loads the llama.cpp binary (prebuilt, never compiled here) with the worker's thread budget. */
  static async create(settings: WorkerSettings): Promise<LlamaEngine> {
    const llama = await getLlama({
      gpu: settings.gpu,
      build: 'never',
      maxThreads: settings.threads,
      logLevel: LlamaLogLevel.error,
    })
    return new LlamaEngine(llama, settings)
  }

  /** Loads a model (once) and returns its training context size. */
  async load(modelPath: string): Promise<LlamaModel> {
    return (await this.warm(modelPath)).model
  }

  /** Generates a completion; a schema constrains the output with a JSON grammar. */
  async complete(
    modelPath: string,
    prompt: string,
    options: { maxTokens: number; temperature: number; schema?: JsonSchema; signal?: AbortSignal; onText?: (text: string) => void },
  ): Promise<EngineCompletion> {
    const warm = await this.warm(modelPath)
    const sequence = await this.acquire(warm)
    try {
      const completion = new LlamaCompletion({ contextSequence: sequence })
      const grammar = options.schema ? await this.grammar(options.schema) : undefined
      let outputTokens = 0
      const text = await completion.generateCompletion(prompt, {
        maxTokens: options.maxTokens,
        temperature: options.temperature,
        grammar,
        signal: options.signal,
        onToken: (tokens) => {
          outputTokens += tokens.length
        },
        onTextChunk: options.onText,
      })
      return { text, promptTokens: warm.model.tokenize(prompt).length, outputTokens }
    } finally {
      await sequence.clearHistory()
      this.release(warm, sequence)
    }
  }

  /** Embeds each text with the model's own embedding output. */
  async embed(modelPath: string, texts: readonly string[]): Promise<number[][]> {
    const { model } = await this.warm(modelPath)
    const context = await model.createEmbeddingContext({ contextSize: this.settings.contextSize, threads: this.settings.threads })
    try {
      const vectors: number[][] = []
      for (const text of texts) vectors.push([...(await context.getEmbeddingFor(text)).vector])
      return vectors
    } finally {
      await context.dispose()
    }
  }

  /** Tokenizes with the model's own tokenizer; vocabulary-only GGUF files are enough. */
  async tokenize(modelPath: string, text: string): Promise<number[]> {
    const warm = this.models.get(modelPath)
    if (warm) return [...(await warm).model.tokenize(text)]
    let vocab = this.vocabs.get(modelPath)
    if (!vocab) {
      vocab = this.llama.loadModel({ modelPath, vocabOnly: true })
      this.vocabs.set(modelPath, vocab)
    }
    return [...(await vocab).tokenize(text)]
  }

  /** Frees every model and the binary. */
  async dispose(): Promise<void> {
    await this.llama.dispose()
  }

  private warm(modelPath: string): Promise<WarmModel> {
    let warm = this.models.get(modelPath)
    if (!warm) {
      warm = this.llama.loadModel({ modelPath }).then((model) => ({ model, free: [], waiting: [] }))
      // A failed load must not poison the cache: the next request tries again.
      warm.catch(() => this.models.delete(modelPath))
      this.models.set(modelPath, warm)
    }
    return warm
  }

  private async acquire(warm: WarmModel): Promise<LlamaContextSequence> {
    if (!warm.context) {
      const contextSize = Math.min(this.settings.contextSize, warm.model.trainContextSize)
      warm.context = warm.model.createContext({ contextSize, sequences: this.settings.sequences, threads: this.settings.threads })
      const context = await warm.context
      for (let i = 0; i < this.settings.sequences; i++) warm.free.push(context.getSequence())
    }
    await warm.context
    const free = warm.free.pop()
    if (free) return free
    return new Promise((resolve) => warm.waiting.push(resolve))
  }

  private release(warm: WarmModel, sequence: LlamaContextSequence): void {
    const next = warm.waiting.shift()
    if (next) next(sequence)
    else warm.free.push(sequence)
  }

  private grammar(schema: JsonSchema): ReturnType<Llama['createGrammarForJsonSchema']> {
    const key = JSON.stringify(schema)
    let grammar = this.grammars.get(key)
    if (!grammar) {
      // The schema is user input validated by node-llama-cpp itself; an unsupported one rejects here.
      grammar = this.llama.createGrammarForJsonSchema(schema as Parameters<Llama['createGrammarForJsonSchema']>[0])
      this.grammars.set(key, grammar)
    }
    return grammar
  }
}
