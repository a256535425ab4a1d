import { InputError } from '../errors.js'
import { hashString } from './seeded-random.js'

/**
 * The items of shard `index` of `count` (1-based), chosen by a hash of each item's id alone. The
 * split ignores history and input order, so every shard computes the same partition even when
 * one shard's results reach the store before another shard starts; each item lands in exactly
 * one shard, and shard sizes differ by at most one.
 */
export function shardSplit<T>(items: readonly T[], idOf: (item: T) => string, index: number, count: number): T[] {
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 1 && index <= count)) {
    throw new InputError(`shard must be index/count with 1 <= index <= count, got ${index}/${count}.`)
  }
  const keyed = items.map((item) => ({ item, id: idOf(item), hash: hashString(idOf(item)) }))
  keyed.sort((a, b) => a.hash - b.hash || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const base = Math.floor(keyed.length / count)
  const extra = keyed.length % count
  const start = (index - 1) * base + Math.min(index - 1, extra)
  const end = start + base + (index <= extra ? 1 : 0)
  return keyed.slice(start, end).map((k) => k.item)
}
