import { isAbsolute, relative, sep } from 'node:path'

/** Separator between suite and test titles in a test's full name and id. */
export const NAME_SEPARATOR = ' > '

/** A test file path relative to the project root, with forward slashes on every platform. */
export function relativeTestFile(root: string, file: string): string {
  const rel = isAbsolute(file) ? relative(root, file) : file
  return sep === '/' ? rel : rel.split(sep).join('/')
}

/** The stable id of a test: its relative file plus its full name. */
export function testId(file: string, fullName: string): string {
  return fullName === '' ? file : `${file}${NAME_SEPARATOR}${fullName}`
}

/** Joins suite and test titles into a full name. */
export function joinTitles(titles: readonly string[]): string {
  return titles.join(NAME_SEPARATOR)
}
