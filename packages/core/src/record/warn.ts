/** Where aqe's warnings go: stderr, never stdout, which belongs to the test runner. */
export type WarnFn = (message: string) => void

/** Writes one prefixed warning line to stderr. */
export const warnOnStderr: WarnFn = (message) => {
  process.stderr.write(`[aqe] warning: ${message}\n`)
}
