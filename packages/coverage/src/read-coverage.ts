import { isAscii } from 'node:buffer'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { InputError } from '@aqe/core/errors'
import type { CoverageMap, CoverageMapData } from 'istanbul-lib-coverage'

// require, not import: see complexity.ts (no CommonJS export scan when loaded from ESM).
const libCoverage = createRequire(import.meta.url)('istanbul-lib-coverage') as typeof import('istanbul-lib-coverage')

/**
 * Reads one or more `coverage-final.json` files (Jest or Vitest, babel/istanbul or v8) and merges
 * them into one map, as shards of one run would be merged.
 */
export function readCoverageFiles(files: readonly string[]): CoverageMap {
  return mergeMaps(files.map((file) => parseCoverageText(file, readCoverageText(file))))
}

/**
 * The text of each coverage file, read in order, or undefined when one of them does not exist
 * (then {@link readCoverageFiles} reports it, after the problems of the files before it).
 */
export function readCoverageTexts(files: readonly string[]): string[] | undefined {
  return files.every((file) => existsSync(file)) ? files.map(readCoverageText) : undefined
}

/** {@link readCoverageFiles}, from texts already read. */
export function parseCoverageTexts(files: readonly string[], texts: readonly string[]): CoverageMap {
  return mergeMaps(texts.map((text, i) => parseCoverageText(files[i] as string, text)))
}

function mergeMaps([first, ...rest]: CoverageMap[]): CoverageMap {
  const map = first ?? libCoverage.createCoverageMap({})
  for (const other of rest) map.merge(other)
  return map
}

/**
 * The source paths a coverage file names (its entries' `path` values), found without parsing the
 * JSON, so that parsing the sources can start while the JSON is parsed. Only a hint: the parsed map
 * decides which files are analysed.
 */
export function coveragePathHints(text: string): string[] {
  const paths: string[] = []
  for (const match of text.matchAll(/"path"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
    const raw = match[1] as string
    if (!raw.includes('\\')) paths.push(raw)
    else
      try {
        paths.push(JSON.parse(`"${raw}"`) as string)
      } catch {}
  }
  return paths
}

function readCoverageText(file: string): string {
  if (!existsSync(file)) {
    throw new InputError(
      `Coverage file ${file} does not exist. Run your tests with coverage and the json reporter (jest --coverage, vitest run --coverage), or pass --coverage <file>.`,
    )
  }
  const bytes = readFileSync(file)
  // ASCII decodes the same as Latin-1 or UTF-8, and Latin-1 is a copy: 28 MB of UTF-8 take 50 ms to check and decode.
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')
}

function parseCoverageText(file: string, text: string): CoverageMap {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new InputError(`Coverage file ${file} is not valid JSON (${(error as Error).message}). Regenerate it with your test runner.`)
  }
  return toCoverageMap(data, file)
}

/**
 * Turns an in-process coverage map (Vitest's `onCoverage`) or parsed `coverage-final.json` data
 * into a CoverageMap, checking the shape first so that a wrong file fails with a clear message.
 */
export function toCoverageMap(data: unknown, source = 'coverage data'): CoverageMap {
  const json = typeof (data as { toJSON?: unknown })?.toJSON === 'function' ? (data as { toJSON(): unknown }).toJSON() : data
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError(
      `${source} is not an istanbul coverage map (expected an object keyed by file path). Use coverage-final.json from the json reporter.`,
    )
  }
  for (const [key, value] of Object.entries(json)) {
    const entry = (value as { data?: unknown }).data ?? value
    const fc = entry as Partial<Record<'statementMap' | 's' | 'fnMap' | 'f' | 'branchMap' | 'b', unknown>>
    if (typeof fc !== 'object' || fc === null || !fc.statementMap || !fc.s || !fc.fnMap || !fc.f || !fc.branchMap || !fc.b) {
      throw new InputError(
        `${source} is not an istanbul coverage map: the entry for "${key}" lacks statementMap/fnMap/branchMap. Use coverage-final.json (json reporter), not coverage-summary.json.`,
      )
    }
  }
  return libCoverage.createCoverageMap(json as CoverageMapData)
}
