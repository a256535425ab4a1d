import { pathToFileURL } from 'node:url'
import { FILL_GAPS_ENV, FILL_GAPS_FLAG } from './fill-gaps-request.js'
import { resolveRunnerBin } from './resolve-runner-bin.js'

/**
 * The body of the `aqe-vitest` and `aqe-jest` bins: takes `--aqe-fill-gaps` (or `=write`) out of
 * the arguments, passes it on as `AQE_FILL_GAPS`, and hands everything else to the runner's own
 * bin in this process, so the bin behaves exactly like the runner. `extraArgs` are added only
 * when the flag was given (Jest needs `--coverage` to hand over a coverage map).
 */
export async function runWrappedRunner(runner: 'vitest' | 'jest', extraArgs: (args: string[]) => string[] = () => []): Promise<void> {
  let args = process.argv.slice(2)
  const flag = args.find((arg) => arg === FILL_GAPS_FLAG || arg === `${FILL_GAPS_FLAG}=write`)
  if (flag) {
    process.env[FILL_GAPS_ENV] = flag.endsWith('=write') ? 'write' : '1'
    args = args.filter((arg) => arg !== flag)
    args = [...args, ...extraArgs(args)]
  }
  const bin = runnerBin(runner)
  process.argv = [process.argv[0] as string, bin, ...args]
  await import(pathToFileURL(bin).href)
}

// The project's runner (its own version), with one clear message when it is not installed.
function runnerBin(runner: 'vitest' | 'jest'): string {
  try {
    return resolveRunnerBin(process.cwd(), runner)
  } catch (error) {
    process.stderr.write(`aqe-${runner}: ${(error as Error).message}\n`)
    process.exit(2)
  }
}
