// The Next.js App Router example, built (`next build`) and served (`next start` on a free port) as a site would be,
// opened in Chromium under https://www.innfram.test with every third party faked (test/fakes.mjs): what a visitor meets
// on a first visit, after "accept all", across client navigations, in a second tab, and on coming back.
import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, openSite, ORIGIN, ROOT, type Site } from '../../test/browser'
import { freePort } from '../../test/site'

const DIR = join(ROOT, 'examples/next')
const NEXT = createRequire(join(DIR, 'package.json')).resolve('next/dist/bin/next')
// No telemetry, and nothing else from the network: the build needs only what `pnpm install` put on disk.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }

/** Runs a command in the example's folder; rejects with its output when it fails. */
function run(args: string[]) {
  return new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: DIR, env })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${args.join(' ')} exited with ${code}:\n${out}`)),
    )
  })
}

let browser: Browser
let server: ChildProcess | undefined
let upstream: string

beforeAll(async () => {
  const started = Date.now()
  await run(['copy-samtykke.mjs'])
  await run([NEXT, 'build'])
  console.log(`next build: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const port = await freePort()
  upstream = `http://127.0.0.1:${port}`
  // Its own process group, so that stopping it stops whatever it started.
  server = spawn(process.execPath, [NEXT, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: DIR,
    env,
    detached: true,
    stdio: 'ignore',
  })
  await vi.waitFor(
    async () => {
      if (server!.exitCode != null) throw new Error(`next start exited with ${server!.exitCode}`)
      expect((await fetch(upstream + '/')).status).toBe(200)
    },
    { timeout: 60_000, interval: 200 },
  )
  browser = await launchChromium()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  if (server?.pid) process.kill(-server.pid)
})

const open = () => openSite(browser, { upstream })
const TRACKERS = /googletagmanager\.com|google-analytics\.com|youtube|doubleclick|facebook/
const trackers = (site: Site) => site.thirdParty.filter((r) => TRACKERS.test(r.host))
const ran = (page: Page) => page.evaluate(() => ((window as { __ran?: string[] }).__ran ?? []).slice())
/**
 * React has hydrated the page (its links navigate on the client from now on), and said nothing: a hydration error fails
 * here.
 */
const hydrated = (site: Site) =>
  expect
    .poll(() => {
      expect(site.errors.map(String)).toEqual([])
      return site.page.evaluate(() =>
        Object.keys(document.querySelector('header a')!).some((k) => k.startsWith('__reactFiber')),
      )
    })
    .toBe(true)
/** A client navigation by the menu (the page is not loaded again: `__kept` would be gone). */
async function go(page: Page, link: string, heading: string) {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click()
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
  expect(await page.evaluate(() => (window as { __kept?: number }).__kept)).toBe(1)
}
const acceptAll = (page: Page) => page.getByRole('button', { name: 'Godta alle', exact: true })
const floating = (page: Page) => page.locator('samtykke-reopen button')
/** Gives what must not happen its chance: late scripts, timers and beacons. */
const settle = (page: Page) => page.waitForLoadState('networkidle').then(() => page.waitForTimeout(300))
/** GA4's tag as next/script added it (lazyOnload, after the page's load), held by samtykke.js. */
const heldGA = (page: Page) =>
  page.waitForFunction(() =>
    document.querySelector('script#ga[type="text/plain"][data-category="analytics"][data-nscript]'),
  )
/** Meta's pixel as next/script added it on the film page, held by samtykke.js. */
const heldPixel = (page: Page) =>
  page.waitForFunction(() =>
    document.querySelector('script#meta-pixel[type="text/plain"][data-category="marketing"][data-nscript]'),
  )
/** What the page said in the console: no hydration warning, no error. */
function clean(site: Site) {
  expect(site.errors.map(String)).toEqual([])
  expect(site.console).toEqual([])
}

describe('examples/next: a Next.js App Router site with samtykke', () => {
  it('a first visit: the drop-in first in <head>, the banner, and not one tracker request before a choice, across client navigations', async () => {
    const site = await open()
    await site.page.goto(ORIGIN + '/')
    const head = await site.page.evaluate(() =>
      [...document.head.querySelectorAll('script')].map((s) => s.id || s.getAttribute('src')),
    )
    // Next's own async chunks come first (React puts them there); samtykke.js is the first script that blocks the
    // parser.
    const dropIn = head.indexOf('/samtykke/samtykke.js')
    expect(head[dropIn - 1]).toBe('samtykke-config')
    expect(head.slice(0, dropIn - 1).every((src) => src?.startsWith('/_next/'))).toBe(true)
    await hydrated(site)
    await acceptAll(site.page).waitFor()
    await site.page.evaluate(() => ((window as { __kept?: number }).__kept = 1))
    await heldGA(site.page)
    expect(await floating(site.page).isHidden()).toBe(true)

    await go(site.page, 'Film', 'Slik jobber vi')
    // The film page's own tag, added by next/script after a client navigation: held like one in the first page.
    await heldPixel(site.page)
    expect(await site.page.locator('.samtykke-placeholder p').textContent()).toBe(
      'Innholdet fra youtube-nocookie.com lastes bare hvis du godtar informasjonskapsler for «Markedsføring».',
    )
    expect(await site.page.locator('iframe').count()).toBe(0)
    await go(site.page, 'Personvern', 'Personvern og informasjonskapsler')
    // The banner is still up after two client navigations, and only one.
    expect(await acceptAll(site.page).isVisible()).toBe(true)
    expect(await site.page.locator('samtykke-ui').count()).toBe(1)
    await settle(site.page)
    expect(trackers(site)).toEqual([])
    expect(await ran(site.page)).toEqual([])
    clean(site)
    await site.close()
  })

  it('"accept all" releases GA once; after client navigations back and forth nothing runs twice', async () => {
    const site = await open()
    await site.page.goto(ORIGIN + '/')
    await hydrated(site)
    await site.page.evaluate(() => ((window as { __kept?: number; __samtykke?: unknown }).__kept = 1))
    await heldGA(site.page)
    await acceptAll(site.page).click()
    await site.page.waitForFunction(() => (window as { __ran?: string[] }).__ran?.includes('gtag'))
    expect(await floating(site.page).isVisible()).toBe(true)
    expect(await acceptAll(site.page).isHidden()).toBe(true)

    await go(site.page, 'Film', 'Slik jobber vi')
    await expect.poll(() => site.to('youtube-nocookie.com').length).toBe(1)
    // The film page's pixel, added after the choice by a client navigation: it runs at once.
    await site.page.waitForFunction(() => (window as { __ran?: string[] }).__ran?.includes('fbevents'))
    await go(site.page, 'Forside', 'Nettsteder som er ærlige om informasjonskapsler')
    await go(site.page, 'Film', 'Slik jobber vi')
    await go(site.page, 'Forside', 'Nettsteder som er ærlige om informasjonskapsler')
    await go(site.page, 'Personvern', 'Personvern og informasjonskapsler')
    await go(site.page, 'Forside', 'Nettsteder som er ærlige om informasjonskapsler')
    await settle(site.page)

    expect(await ran(site.page)).toEqual(['gtag', 'fbevents'])
    expect(site.to('googletagmanager.com').map((r) => r.url)).toEqual([
      'https://www.googletagmanager.com/gtag/js?id=G-TEST123',
    ])
    expect(site.to('connect.facebook.net').map((r) => r.url)).toEqual([
      'https://connect.facebook.net/en_US/fbevents.js',
    ])
    const state = await site.page.evaluate(() => {
      const dl = ((window as { dataLayer?: IArguments[] }).dataLayer ?? []).map((a) => [...a])
      return {
        defaults: dl.filter((a) => a[0] == 'consent' && a[1] == 'default').length,
        updates: dl.filter((a) => a[0] == 'consent' && a[1] == 'update').length,
        configs: dl.filter((a) => a[0] == 'config').map((a) => a[1]),
        pixels: ((window as { fbq?: { queue: IArguments[] } }).fbq?.queue ?? []).map((a) => [...a].join(' ')),
        dropIns: document.querySelectorAll('script[src="/samtykke/samtykke.js"]').length,
        uis: document.querySelectorAll('samtykke-ui').length,
        buttons: document.querySelectorAll('samtykke-reopen').length,
      }
    })
    expect(state).toEqual({
      defaults: 1,
      updates: 1,
      configs: ['G-TEST123'],
      pixels: ['init 000000000000000', 'track PageView'],
      dropIns: 1,
      uis: 1,
      buttons: 1,
    })
    expect(await floating(site.page).isVisible()).toBe(true)
    expect(await acceptAll(site.page).isHidden()).toBe(true)
    clean(site)
    await site.close()
  })

  it('a returning visitor: the server renders the stored choice (the video in the HTML), and hydration keeps it, without a warning', async () => {
    const site = await open()
    await site.page.goto(ORIGIN + '/video')
    await hydrated(site)
    await site.page.evaluate(() => window.samtykke.set({ marketing: true }))
    // This page's video loads now: its request must be in before the list is cleared for the next page load.
    await expect.poll(() => site.to('youtube-nocookie.com').length).toBe(1)
    await settle(site.page)
    const cookie = (await site.cookies()).samtykke
    const html = await (await fetch(upstream + '/video', { headers: { cookie: `samtykke=${cookie}` } })).text()
    expect(html).toMatch(/<main>.*<iframe class="video" src="https:\/\/www\.youtube-nocookie\.com\/embed\//)
    expect(html).not.toContain('samtykke-placeholder')

    // A whole new page load: the iframe the server rendered is the one the page keeps.
    site.thirdParty.length = 0
    await site.page.goto(ORIGIN + '/video')
    await site.page.evaluate(() => ((window as { __iframe?: Element }).__iframe = document.querySelector('iframe')!))
    await hydrated(site)
    await settle(site.page)
    expect(
      await site.page.evaluate(() => document.querySelector('iframe') === (window as { __iframe?: Element }).__iframe),
    ).toBe(true)
    expect(await acceptAll(site.page).count()).toBe(0)
    expect(site.to('youtube-nocookie.com')).toHaveLength(1)
    // Marketing only: GA stays held.
    expect(site.to('googletagmanager.com')).toEqual([])
    clean(site)
    await site.close()
  })

  it('a choice made in another tab shows the video in this one', async () => {
    const site = await open()
    const other = await site.context.newPage()
    await site.page.goto(ORIGIN + '/video')
    await other.goto(ORIGIN + '/')
    await hydrated(site)
    await acceptAll(other).click()
    await site.page.locator('iframe.video').waitFor()
    expect(await site.page.locator('.samtykke-placeholder').count()).toBe(0)
    clean(site)
    await site.close()
  })

  it('the placeholder allows marketing there and then; the settings button opens the preference centre', async () => {
    const site = await open()
    await site.page.goto(ORIGIN + '/video')
    await hydrated(site)
    await site.page.getByRole('button', { name: 'Tillat markedsføring' }).click()
    await site.page.locator('iframe.video').waitFor()
    expect(await site.page.evaluate(() => window.samtykke.get().granted)).toEqual({
      necessary: true,
      preferences: false,
      analytics: false,
      marketing: true,
    })
    await site.page.evaluate(() => ((window as { __kept?: number }).__kept = 1))
    await go(site.page, 'Personvern', 'Personvern og informasjonskapsler')
    await site.page.getByRole('main').getByRole('button', { name: 'Innstillinger for informasjonskapsler' }).click()
    await site.page.getByRole('dialog').waitFor()
    // The declaration, filled by the drop-in in the element React left to it.
    expect(await site.page.locator('[data-samtykke-declaration]').textContent()).toContain('Google Analytics 4')
    expect(site.to('googletagmanager.com')).toEqual([])
    clean(site)
    await site.close()
  })
})
