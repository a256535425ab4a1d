import type { FileComplexity, FunctionComplexity } from './complexity.js'

/**
 * Measurements of several files, packed to cross between threads cheaply: structured cloning of
 * 30,000 small function objects costs the receiving thread more than building them from numbers.
 */
export interface PackedComplexities {
  /** Per file: top-level complexity, function count, then per function start line, start column, end line, end column and complexity. */
  numbers: Int32Array
  /** The functions' names, in order. */
  names: string[]
  /** Parse errors by file position, present only when a file had one. */
  errors?: (string | undefined)[]
}

const PER_FUNCTION = 5

export function packComplexities(results: readonly FileComplexity[]): PackedComplexities {
  let size = 0
  for (const result of results) size += 2 + PER_FUNCTION * result.functions.length
  const numbers = new Int32Array(size)
  const names: string[] = []
  let errors: (string | undefined)[] | undefined
  let at = 0
  results.forEach((result, i) => {
    numbers[at++] = result.topLevel
    numbers[at++] = result.functions.length
    for (const fn of result.functions) {
      numbers[at++] = fn.start.line
      numbers[at++] = fn.start.column
      numbers[at++] = fn.end.line
      numbers[at++] = fn.end.column
      numbers[at++] = fn.complexity
      names.push(fn.name)
    }
    if (result.parseError !== undefined) {
      errors ??= []
      errors[i] = result.parseError
    }
  })
  return errors ? { numbers, names, errors } : { numbers, names }
}

export function unpackComplexities(packed: PackedComplexities): FileComplexity[] {
  const { numbers, names, errors } = packed
  const results: FileComplexity[] = []
  let at = 0
  let name = 0
  while (at < numbers.length) {
    const topLevel = numbers[at++] as number
    const count = numbers[at++] as number
    const functions: FunctionComplexity[] = new Array(count)
    for (let f = 0; f < count; f++) {
      functions[f] = {
        name: names[name++] as string,
        start: { line: numbers[at] as number, column: numbers[at + 1] as number },
        end: { line: numbers[at + 2] as number, column: numbers[at + 3] as number },
        complexity: numbers[at + 4] as number,
      }
      at += PER_FUNCTION
    }
    const error = errors?.[results.length]
    results.push(error === undefined ? { functions, topLevel } : { functions, topLevel, parseError: error })
  }
  return results
}
