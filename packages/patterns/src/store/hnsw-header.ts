import { closeSync, openSync, readSync } from 'node:fs'

/** The build parameters an hnswlib index file records. */
export interface HnswHeader {
  m: number
  efConstruction: number
  elements: number
}

// hnswlib's saveIndex (hnswalg.h) writes, in order: offsetLevel0, max_elements, cur_element_count,
// size_data_per_element, label_offset, offsetData (size_t each), maxlevel, enterpoint_node (4 bytes
// each), maxM, maxM0, M (size_t), mult (double), ef_construction (size_t): 96 bytes, little-endian.
const HEADER_BYTES = 96

/**
 * Reads M and efConstruction from an hnswlib index file without loading it, so an index built
 * with other parameters than the configured ones can be rebuilt. Undefined when the file is too
 * short or the values are implausible (not an index file of this layout).
 */
export function readHnswHeader(file: string): HnswHeader | undefined {
  const header = Buffer.alloc(HEADER_BYTES)
  const fd = openSync(file, 'r')
  let read: number
  try {
    read = readSync(fd, header, 0, HEADER_BYTES, 0)
  } finally {
    closeSync(fd)
  }
  if (read < HEADER_BYTES) return undefined
  const elements = Number(header.readBigUInt64LE(16))
  const maxM = Number(header.readBigUInt64LE(56))
  const maxM0 = Number(header.readBigUInt64LE(64))
  const m = Number(header.readBigUInt64LE(72))
  const efConstruction = Number(header.readBigUInt64LE(88))
  // hnswlib sets maxM = M and maxM0 = 2M; anything else means this is not such a file.
  if (m < 1 || maxM !== m || maxM0 !== 2 * m || efConstruction < 1 || efConstruction > 1e7) return undefined
  return { m, efConstruction, elements }
}
