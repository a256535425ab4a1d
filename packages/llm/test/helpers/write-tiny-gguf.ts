import { writeFileSync } from 'node:fs'
import { SeededRandom } from '@aqe/core'

/**
 * Writes a tiny llama-architecture GGUF model with random F32 weights and a byte-level SPM
 * vocabulary (special tokens, the 256 byte tokens and one token per printable ASCII character).
 * It generates gibberish, but it loads, generates, follows grammars and embeds through the real
 * node-llama-cpp with no external file at all.
 */
export function writeTinyGguf(path: string, options: { seed?: number; embedding?: number; layers?: number } = {}): void {
  const embedding = options.embedding ?? 32
  const layers = options.layers ?? 2
  const heads = 4
  const feedForward = embedding * 2
  // A seeded generator keeps the fixture identical between runs.
  const generator = new SeededRandom(options.seed ?? 42)
  const random = () => generator.next()
  const vocab = vocabulary()
  const metadata: [string, Value][] = [
    ['general.architecture', str('llama')],
    ['general.name', str('aqe-tiny-random')],
    ['general.alignment', u32(ALIGNMENT)],
    ['llama.context_length', u32(256)],
    ['llama.embedding_length', u32(embedding)],
    ['llama.block_count', u32(layers)],
    ['llama.feed_forward_length', u32(feedForward)],
    ['llama.attention.head_count', u32(heads)],
    ['llama.attention.head_count_kv', u32(heads)],
    ['llama.attention.layer_norm_rms_epsilon', f32(1e-5)],
    ['llama.rope.dimension_count', u32(embedding / heads)],
    ['tokenizer.ggml.model', str('llama')],
    ['tokenizer.ggml.tokens', { type: ARRAY, elementType: STRING, items: vocab.map((t) => t.piece) }],
    ['tokenizer.ggml.scores', { type: ARRAY, elementType: FLOAT32, items: vocab.map((t) => t.score) }],
    ['tokenizer.ggml.token_type', { type: ARRAY, elementType: INT32, items: vocab.map((t) => t.type) }],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
    ['tokenizer.ggml.bos_token_id', u32(1)],
    ['tokenizer.ggml.eos_token_id', u32(2)],
  ]
  const tensors: [name: string, dims: number[], fill: 'ones' | 'random'][] = [
    ['token_embd.weight', [embedding, vocab.length], 'random'],
    ['output_norm.weight', [embedding], 'ones'],
    ['output.weight', [embedding, vocab.length], 'random'],
  ]
  for (let i = 0; i < layers; i++) {
    tensors.push(
      [`blk.${i}.attn_norm.weight`, [embedding], 'ones'],
      [`blk.${i}.attn_q.weight`, [embedding, embedding], 'random'],
      [`blk.${i}.attn_k.weight`, [embedding, embedding], 'random'],
      [`blk.${i}.attn_v.weight`, [embedding, embedding], 'random'],
      [`blk.${i}.attn_output.weight`, [embedding, embedding], 'random'],
      [`blk.${i}.ffn_norm.weight`, [embedding], 'ones'],
      [`blk.${i}.ffn_gate.weight`, [embedding, feedForward], 'random'],
      [`blk.${i}.ffn_down.weight`, [feedForward, embedding], 'random'],
      [`blk.${i}.ffn_up.weight`, [embedding, feedForward], 'random'],
    )
  }
  const out = new Writer()
  out.bytes(Buffer.from('GGUF', 'latin1'))
  out.u32(3)
  out.u64(tensors.length)
  out.u64(metadata.length)
  for (const [key, value] of metadata) {
    out.string(key)
    out.value(value)
  }
  const data: Buffer[] = []
  let offset = 0
  for (const [name, dims, fill] of tensors) {
    out.string(name)
    out.u32(dims.length)
    for (const dim of dims) out.u64(dim)
    out.u32(0) // GGML_TYPE_F32
    out.u64(offset)
    const count = dims.reduce((a, b) => a * b, 1)
    const values = new Float32Array(count).map(() => (fill === 'ones' ? 1 : (random() - 0.5) * 0.2))
    const bytes = padded(Buffer.from(values.buffer))
    data.push(bytes)
    offset += bytes.length
  }
  writeFileSync(path, Buffer.concat([padded(out.buffer()), ...data]))
}

const ALIGNMENT = 32
// GGUF metadata value types.
const UINT32 = 4
const INT32 = 5
const FLOAT32 = 6
const STRING = 8
const ARRAY = 9

type Value =
  | { type: typeof UINT32 | typeof FLOAT32; value: number }
  | { type: typeof STRING; value: string }
  | { type: typeof ARRAY; elementType: number; items: (string | number)[] }

const str = (value: string): Value => ({ type: STRING, value })
const u32 = (value: number): Value => ({ type: UINT32, value })
const f32 = (value: number): Value => ({ type: FLOAT32, value })

function vocabulary(): { piece: string; score: number; type: number }[] {
  const tokens = [
    { piece: '<unk>', score: 0, type: 2 },
    { piece: '<s>', score: 0, type: 3 },
    { piece: '</s>', score: 0, type: 3 },
  ]
  for (let byte = 0; byte < 256; byte++)
    tokens.push({ piece: `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, score: 0, type: 6 })
  for (let code = 32; code < 127; code++) {
    tokens.push({ piece: code === 32 ? '\u2581' : String.fromCharCode(code), score: -code, type: 1 })
  }
  return tokens
}

function padded(buffer: Buffer): Buffer {
  const extra = (ALIGNMENT - (buffer.length % ALIGNMENT)) % ALIGNMENT
  return extra === 0 ? buffer : Buffer.concat([buffer, Buffer.alloc(extra)])
}

class Writer {
  private readonly parts: Buffer[] = []

  bytes(buffer: Buffer): void {
    this.parts.push(buffer)
  }

  u32(value: number): void {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(value)
    this.parts.push(b)
  }

  u64(value: number): void {
    const b = Buffer.alloc(8)
    b.writeBigUInt64LE(BigInt(value))
    this.parts.push(b)
  }

  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8')
    this.u64(bytes.length)
    this.parts.push(bytes)
  }

  value(value: Value): void {
    this.u32(value.type)
    if (value.type === ARRAY) {
      this.u32(value.elementType)
      this.u64(value.items.length)
      for (const item of value.items) this.scalar(value.elementType, item)
    } else this.scalar(value.type, value.value)
  }

  buffer(): Buffer {
    return Buffer.concat(this.parts)
  }

  private scalar(type: number, item: string | number): void {
    if (type === STRING) {
      this.string(String(item))
      return
    }
    const b = Buffer.alloc(4)
    if (type === FLOAT32) b.writeFloatLE(Number(item))
    else if (type === INT32) b.writeInt32LE(Number(item))
    else b.writeUInt32LE(Number(item))
    this.parts.push(b)
  }
}
