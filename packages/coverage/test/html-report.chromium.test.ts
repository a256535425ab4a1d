import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calcFixture } from '../../../test-helpers/fixture.js'
import { analyseGaps, htmlReport, lineRange } from '../src/index.js'
import { fixtureCoverage } from './support/fixture-coverage.js'

const CHROMIUM = '/usr/bin/chromium'
// The flags a closed-network CI machine needs: no sandbox as root, and no background connections;
// playwright gives each launch a fresh, empty profile.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const dir = mkdtempSync(join(tmpdir(), 'aqe-gaps-html-'))
let browser: Browser
let page: string

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run npm run setup (it installs Debian's chromium) or apt-get install chromium.`)
  const report = analyseGaps({ coverageFiles: [await fixtureCoverage('vitest-v8', join(dir, 'coverage'))], root: calcFixture })
  page = join(dir, 'gaps.html')
  writeFileSync(page, htmlReport(report))
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })
})
afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('HTML report in headless Chromium', () => {
  it('shows the top gap first, and its click lands on the highlighted source', async () => {
    const top = analyseGaps({ coverageFiles: [join(dir, 'coverage', 'coverage-final.json')], root: calcFixture }).gaps[0]
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await tab.goto(pathToFileURL(page).href)
    const first = tab.locator('li.gap').first()
    expect(await first.isVisible()).toBe(true)
    const link = first.locator('a')
    expect(await link.textContent()).toBe(`${top?.file}:${top ? lineRange(top) : ''}`)
    await link.click()
    const target = tab.locator(':target')
    expect(await target.getAttribute('class')).toBe(`line gap-${top?.kind}`)
    const box = await target.boundingBox()
    expect(box && box.y >= 0 && box.y < 800).toBe(true)
    expect(await target.textContent()).toContain('lastError = error')
    // CSS numbers the lines by their place in the file: the target's place is the gap's first line.
    expect(await target.evaluate((line) => [...(line.parentElement?.children ?? [])].indexOf(line) + 1)).toBe(top?.startLine)
  })

  it('filters the list by kind and by file', async () => {
    const tab = await browser.newPage()
    await tab.goto(pathToFileURL(page).href)
    const visible = () => tab.locator('li.gap:visible').count()
    const all = await visible()
    await tab.locator('#filters input[value=branch]').uncheck()
    const withoutBranches = await visible()
    expect(withoutBranches).toBeLessThan(all)
    expect(await tab.locator('li.gap[data-kind=branch]:visible').count()).toBe(0)
    await tab.locator('#file-filter').fill('stats')
    const shown = await tab.locator('li.gap:visible').all()
    expect(shown.length).toBeGreaterThan(0)
    for (const li of shown) expect(await li.getAttribute('data-file')).toBe('src/stats.ts')
    expect(await tab.locator('#shown').textContent()).toBe(String(await visible()))
  })
})
