/**
 * Wraps a command's action so that its module is imported only when the command runs: building
 * the command tree, which every aqe invocation does (`--help` and `--version` included), then
 * loads commander and the option lists, not the store, the schemas or the reporters of every command.
 */
export function lazyAction<Args extends unknown[]>(
  load: () => Promise<(...args: Args) => void | Promise<void>>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    const action = await load()
    await action(...args)
  }
}
