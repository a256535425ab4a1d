import { type ParseResult, parse } from '@babel/parser'
import type { File } from '@babel/types'

/** Parses a candidate test as the module it will be (TS plugins for TS files); throws a SyntaxError. */
export function parseCandidate(code: string, fileName: string): ParseResult<File> {
  const ts = /\.[cm]?tsx?$/.test(fileName)
  return parse(code, {
    sourceType: 'module',
    allowAwaitOutsideFunction: true,
    plugins: ts ? ['typescript', ...(fileName.endsWith('x') ? (['jsx'] as const) : [])] : ['jsx'],
  })
}
