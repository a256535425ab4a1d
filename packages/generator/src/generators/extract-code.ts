const FENCE = /```[\w-]*\n([\s\S]*?)```/

/**
 * The test file in a model's answer: its first fenced block, else the whole answer; with the
 * test API import added when the answer left it out and the project's tests have one.
 */
export function extractTestCode(answer: string, frameworkImport: string): string {
  const code = (FENCE.exec(answer)?.[1] ?? answer).trim()
  if (!frameworkImport || /from\s+['"](?:vitest|@jest\/globals)['"]/.test(code)) return `${code}\n`
  return `${frameworkImport}\n${code}\n`
}
