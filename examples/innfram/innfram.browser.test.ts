// The INNFRAM demo site, as a visitor meets it: served from examples/innfram under https://www.innfram.test,
// with the built drop-in at /samtykke/ and every third party faked (test/fakes.mjs), so nothing leaves the machine.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, openSite, ORIGIN, ROOT, type Site } from '../../test/browser'

const DIR = join(ROOT, 'examples/innfram')
const PAGES = ['index.html', 'video.html', 'personvern.html']

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

const open = () => openSite(browser, { root: 'examples/innfram' })
const acceptAll = (page: Page) => page.getByRole('button', { name: 'Godta alle', exact: true })
const rejectAll = (page: Page) => page.getByRole('button', { name: 'Avvis alle', exact: true })
const ran = (page: Page) => page.evaluate(() => ((window as { __ran?: string[] }).__ran ?? []).slice())
const waitForTags = (page: Page) =>
  page.waitForFunction(() => {
    const r = (window as { __ran?: string[] }).__ran ?? []
    return r.includes('gtag') && r.includes('fbevents')
  })
/** Lets the page settle: late scripts, timers and beacons get their chance to leave. */
const settle = (page: Page) => page.waitForLoadState('networkidle').then(() => page.waitForTimeout(300))

function clean(site: Site) {
  expect(site.errors.map(String)).toEqual([])
  expect(site.console.filter((m) => m.type === 'error')).toEqual([])
}

describe('the pages', () => {
  it('carry the same samtykke config block, before the drop-in, first in <head>', () => {
    const blocks = PAGES.map((name) => {
      const html = readFileSync(join(DIR, name), 'utf8')
      const head = html.slice(0, html.indexOf('</head>'))
      const config = head.indexOf('id="samtykke-config"')
      const dropIn = head.indexOf('<script src="/samtykke/samtykke.js"></script>')
      expect(config, name).toBeGreaterThan(0)
      expect(dropIn, name).toBeGreaterThan(config)
      // No script runs before the drop-in.
      expect(head.slice(0, dropIn).match(/<script/g)?.length, name).toBe(1)
      return head.match(/<script type="application\/json" id="samtykke-config">([\s\S]*?)<\/script>/)![1]
    })
    expect(blocks[1]).toBe(blocks[0])
    expect(blocks[2]).toBe(blocks[0])
    const config = JSON.parse(blocks[0])
    expect(Object.keys(config.categories)).toEqual(['necessary', 'preferences', 'analytics', 'marketing'])
    expect(config.privacyPolicyUrl).toBe('/personvern.html')
  })

  it('mark every tracker tag, so nothing runs before consent', () => {
    for (const name of PAGES) {
      const html = readFileSync(join(DIR, name), 'utf8')
      for (const tag of html.match(/<script\b[^>]*>/g)!) {
        if (tag.includes('/samtykke/samtykke.js') || tag.includes('application/json')) continue
        expect(tag, name).toMatch(/type="text\/plain" data-category="(analytics|marketing)"/)
      }
      for (const frame of html.match(/<iframe\b[^>]*>/g) ?? []) {
        expect(frame, name).toMatch(/data-category="marketing" data-src="https:\/\/www\.youtube-nocookie\.com\//)
        expect(frame, name).not.toMatch(/\ssrc=/)
      }
    }
  })
})

describe('the front page', () => {
  it('asks first, and sends nothing to anyone before a choice', async () => {
    const site = await open()
    await site.page.goto(ORIGIN + '/')
    await acceptAll(site.page).waitFor()
    await settle(site.page)
    expect(site.thirdParty).toEqual([])
    expect(await ran(site.page)).toEqual([])
    const cookies = await site.cookies()
    expect(Object.keys(cookies).filter((c) => /^_(ga|fb)/.test(c))).toEqual([])
    expect(await rejectAll(site.page).isVisible()).toBe(true)
    expect(await site.page.getByRole('button', { name: 'Tilpass', exact: true }).isVisible()).toBe(true)
    clean(site)
    await site.close()
  })

  it('runs GA4 and the Meta pixel after "Godta alle", and again on the next visit without asking', async () => {
    const site = await open()
    await site.page.goto(ORIGIN + '/')
    await acceptAll(site.page).click()
    await waitForTags(site.page)
    await acceptAll(site.page).waitFor({ state: 'hidden' })
    // The fake gtag sets _ga only when Consent Mode says analytics_storage is granted.
    await site.page.waitForFunction(() => document.cookie.includes('_ga='))
    const cookies = await site.cookies()
    expect(cookies).toHaveProperty('_ga')
    expect(cookies).toHaveProperty('_fbp')
    expect(cookies).toHaveProperty('samtykke')
    expect(site.to('google-analytics.com').length).toBeGreaterThan(0)
    expect(site.to('facebook.com').length).toBeGreaterThan(0)

    // Returning visit: no banner, the tags run at once, and the banner's code is not even fetched.
    const ui: string[] = []
    site.page.on('request', (r) => r.url().includes('samtykke-ui') && ui.push(r.url()))
    await site.page.reload()
    await waitForTags(site.page)
    await settle(site.page)
    expect(await ran(site.page)).toEqual(expect.arrayContaining(['gtag', 'fbevents']))
    expect(await acceptAll(site.page).count()).toBe(0)
    expect(ui).toEqual([])
    clean(site)
    await site.close()
  })

  it('runs nothing after "Avvis alle", on this page or the next', async () => {
    const site = await open()
    await site.page.goto(ORIGIN + '/')
    await rejectAll(site.page).click()
    await acceptAll(site.page).waitFor({ state: 'hidden' })
    await settle(site.page)
    expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(true)
    await site.page.goto(ORIGIN + '/video.html')
    await settle(site.page)
    expect(await acceptAll(site.page).count()).toBe(0)
    expect(site.thirdParty).toEqual([])
    expect(await ran(site.page)).toEqual([])
    expect(Object.keys(await site.cookies()).filter((c) => /^_(ga|fb)/.test(c))).toEqual([])
    clean(site)
    await site.close()
  })

  it('opens the preference centre from the footer button', async () => {
    const site = await open()
    await site.page.goto(ORIGIN + '/')
    await rejectAll(site.page).click()
    await site.page.locator('footer [data-samtykke-open]').click()
    await site.page.getByRole('dialog').waitFor()
    expect(await site.page.getByRole('dialog').getByText('Google Analytics').first().isVisible()).toBe(true)
    clean(site)
    await site.close()
  })
})

describe('the video page', () => {
  it('shows a placeholder and fetches nothing from YouTube until marketing is allowed', async () => {
    const site = await open()
    await site.page.goto(ORIGIN + '/video.html')
    await rejectAll(site.page).click()
    const allow = site.page.getByRole('button', { name: /Tillat markedsføring/ })
    await allow.waitFor()
    await settle(site.page)
    expect(site.to('youtube-nocookie.com')).toEqual([])
    expect(site.to('youtube.com')).toEqual([])
    expect(await site.page.locator('iframe[data-category="marketing"]').getAttribute('src')).toBeNull()

    await allow.click()
    await site.page.waitForFunction(() =>
      document
        .querySelector('iframe[data-category="marketing"]')
        ?.getAttribute('src')
        ?.startsWith('https://www.youtube-nocookie.com/embed/'),
    )
    await expect.poll(() => site.to('youtube-nocookie.com').map((r) => r.type)).toContain('document')
    expect(await site.page.evaluate(() => window.samtykke.has('marketing'))).toBe(true)
    clean(site)
    await site.close()
  })
})

describe('the privacy page', () => {
  it('fills the cookie declaration from the config', async () => {
    const site = await open()
    await site.page.goto(ORIGIN + '/personvern.html')
    const declaration = site.page.locator('[data-samtykke-declaration]')
    await declaration.getByText('Google Analytics').first().waitFor()
    for (const text of ['_ga', '2 år', 'Meta-piksel', '_fbp', '3 måneder', 'YouTube', 'samtykke'])
      expect(await declaration.getByText(text, { exact: false }).count(), text).toBeGreaterThan(0)
    await settle(site.page)
    expect(site.thirdParty).toEqual([])
    clean(site)
    await site.close()
  })
})
