import { describe, expect, it } from 'vitest'
import { crapScore, globMatcher, parseUnifiedDiff } from '../src/index.js'

describe('CRAP score', () => {
  it('follows crap4j: comp² × (1 − cov)³ + comp', () => {
    expect(crapScore(10, 0)).toBe(110)
    expect(crapScore(10, 1)).toBe(10)
    expect(crapScore(10, 0.42)).toBe(29.5)
  })
})

describe('critical globs', () => {
  it('matches ** across folders, * within one, and {a,b} alternatives', () => {
    const match = globMatcher(['src/billing/**', 'src/*.{ts,tsx}'])
    expect(match('src/billing/tax/vat.ts')).toBe('src/billing/**')
    expect(match('src/app.tsx')).toBe('src/*.{ts,tsx}')
    expect(match('src/util/app.ts')).toBeUndefined()
  })
})

describe('unified diff parsing', () => {
  it('collects the added and modified lines of each new file', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3 +3,2 @@',
      '@@ -10,2 +11,0 @@',
      '@@ -20 +20 @@',
      'diff --git a/gone.ts b/gone.ts',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@',
    ].join('\n')
    const changed = parseUnifiedDiff(diff, '/repo')
    expect([...changed.keys()]).toEqual(['/repo/src/a.ts'])
    expect([...(changed.get('/repo/src/a.ts') ?? [])]).toEqual([3, 4, 20])
  })
})
