import { InputError } from '@aqe/core/errors'

/**
 * Imports one of aqe's optional heavy packages (models, vector search) on demand, so the CLI
 * installs and starts without them; a missing one becomes one message that says what to install.
 */
export async function importOptional<T>(name: string, load: () => Promise<T>, usedBy: string): Promise<T> {
  try {
    return await load()
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes(name)) {
      throw new InputError(`${usedBy} needs the optional package ${name}: install it (npm install --save-dev ${name}).`, { cause: error })
    }
    throw error
  }
}

/** The model layer, for `aqe llm`, `aqe models` and `aqe privacy`. */
export const loadLlm = () => importOptional('@aqe/llm', () => import('@aqe/llm'), 'This command')
