import { describe, expect, it } from 'vitest'
import { validateConfig } from '../src/config/config-schema.js'

describe('the flaky and quarantine config sections', () => {
  it('accepts documented options', () => {
    const config = validateConfig(
      { flaky: { defaultBranches: ['trunk'], stormFailureRatio: 0.6 }, quarantine: { auto: true, activateAbove: 0.1, owner: '@qa' } },
      'aqe.config.json',
    )
    expect(config.flaky?.defaultBranches).toEqual(['trunk'])
    expect(config.quarantine?.auto).toBe(true)
  })

  it('names the bad option and the file', () => {
    expect(() => validateConfig({ flaky: { stormFailureRatio: 3 } }, 'aqe.config.json')).toThrow(
      /aqe\.config\.json: option "flaky\.stormFailureRatio"/,
    )
    expect(() => validateConfig({ quarantine: { autoo: true } }, 'aqe.config.json')).toThrow(/unknown option "autoo"/)
  })
})
