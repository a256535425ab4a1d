import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../test-helpers/temp-dir.js'
import { loadConfig } from '../src/config/load-config.js'
import { resolveHistoryPath } from '../src/config/resolve-history-path.js'
import { isAqeError } from '../src/errors.js'

describe('loadConfig', () => {
  const tempDir = useTempDir()

  it('reads aqe.config.ts through a TypeScript loader', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'aqe.config.ts'), "const db: string = 'store/h.db'\nexport default { historyDb: db }\n")
    expect(await loadConfig(dir)).toEqual({ config: { historyDb: 'store/h.db' }, file: join(dir, 'aqe.config.ts') })
  })

  it('reads the "aqe" key of package.json', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', aqe: { historyDb: 'h.db' } }))
    expect((await loadConfig(dir)).config).toEqual({ historyDb: 'h.db' })
  })

  it('is empty without any config', async () => {
    expect(await loadConfig(tempDir())).toEqual({ config: {} })
  })

  it('names the unknown option and the file', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'aqe.config.json'), JSON.stringify({ historyDB: 'x' }))
    const error = await loadConfig(dir).catch((e: unknown) => e)
    expect(isAqeError(error, 'AQE_CONFIG_INVALID')).toBe(true)
    expect((error as Error).message).toContain('unknown option "historyDB"')
    expect((error as Error).message).toContain('aqe.config.json')
  })

  it('names the option whose value has the wrong type', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'aqe.config.json'), JSON.stringify({ historyDb: 3 }))
    await expect(loadConfig(dir)).rejects.toThrow(/option "historyDb"/)
  })

  it('reports unparseable JSON with the fix', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'aqe.config.json'), '{ historyDb: ')
    await expect(loadConfig(dir)).rejects.toThrow(/Cannot parse .*aqe\.config\.json.*Fix the JSON syntax/)
  })
})

describe('resolveHistoryPath', () => {
  it('prefers the explicit path, then AQE_HISTORY_DB, then the config, then the default', () => {
    const env = { AQE_HISTORY_DB: 'env.db' }
    expect(resolveHistoryPath('/p', 'flag.db', { historyDb: 'c.db' }, env)).toBe('/p/flag.db')
    expect(resolveHistoryPath('/p', undefined, { historyDb: 'c.db' }, env)).toBe('/p/env.db')
    expect(resolveHistoryPath('/p', undefined, { historyDb: 'c.db' }, {})).toBe('/p/c.db')
    expect(resolveHistoryPath('/p', undefined, {}, {})).toBe('/p/.aqe/history.db')
    expect(resolveHistoryPath('/p', '/abs/h.db', {}, {})).toBe('/abs/h.db')
  })
})
