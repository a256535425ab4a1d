/** Generates a synthetic project with sources and a matching coverage-final.json; returns the coverage file. */
export function generateProject(dir: string, options?: { files?: number; functionsPerFile?: number; seed?: number }): string
