// The blocker in real Chromium, through the built drop-in (dist/samtykke.js): every way a tag reaches its vendor,
// before a decision, after "reject all", after "accept all", for a returning visitor, and on withdrawal.
// Third parties are answered by the fakes in test/fakes.mjs, which run, set cookies and send pixels like the real tags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium, openSite, pageWithSamtykke, ORIGIN, type Site } from '../../../../test/browser'
import { DOORS, FBEVENTS, GA_CONFIG, GTAG, META, PIXEL, YOUTUBE, ran, type Door } from '../../test/doors'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

const open = async (door: Door, config?: unknown) => {
  const site = await openSite(browser, {
    files: { '/': pageWithSamtykke({ config, head: door.head, body: door.body }) },
  })
  await visit(site)
  return site
}
const visit = async (site: Site) => {
  await site.page.goto(ORIGIN + '/')
  await settle(site)
}
/** Gives timers, loads and beacons that must not happen their chance. What must happen is waited for (expect.poll). */
const settle = (site: Site) => site.page.waitForTimeout(250)
const ranList = (site: Site) => site.page.evaluate(() => window.__ran ?? [])

describe.each(Object.entries(DOORS))('%s', (_, door) => {
  it('sends nothing to a tracker before a decision, after “reject all”, or on the next page', async () => {
    const site = await open(door)
    expect(site.thirdParty).toEqual([])
    expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(false)
    await site.page.evaluate(() => window.samtykke.rejectAll())
    await settle(site)
    await visit(site)
    expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(true)
    expect(site.thirdParty).toEqual([])
    expect(await ranList(site)).toEqual([])
    expect(site.errors).toEqual([])
    await site.close()
  })

  it('after “accept all” lets it through once, and at once on the next page', async () => {
    const site = await open(door)
    await site.page.evaluate(() => window.samtykke.acceptAll())
    // Waits for what must happen (a busy machine may take its time), then a moment more for what must not (a rerun).
    const check = async () => {
      await expect.poll(() => ranList(site)).toEqual(door.runs ?? [])
      for (const host of door.loads ?? [])
        await expect.poll(() => site.to(host).length, { message: host }).toBeGreaterThan(0)
      await settle(site)
      expect(await ranList(site)).toEqual(door.runs ?? [])
      for (const host of door.loads ?? [])
        expect(
          site.to(host).map((r) => r.url),
          host,
        ).toHaveLength(1)
    }
    const sentOnce = async () => {
      await expect.poll(() => site.to('google-analytics.com').length).toBeGreaterThan(0)
      await settle(site)
      expect(site.to('google-analytics.com')).toHaveLength(1)
    }
    if (door.again) {
      // What was held is dropped, never sent late; a call made after consent goes out.
      await settle(site)
      expect(site.thirdParty).toEqual([])
      await site.page.evaluate(door.again)
      await sentOnce()
    } else await check()
    // A returning visitor: the stored choice applies before the page's tags, with no banner.
    site.thirdParty.length = 0
    await visit(site)
    expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(true)
    await (door.again ? sentOnce() : check())
    expect(site.errors).toEqual([])
    await site.close()
  })
})

describe('one category at a time', () => {
  const page: Door = {
    head:
      `<script type="text/plain" data-category="analytics" src="${GTAG}"></script>` +
      `<script>${GA_CONFIG}${META}</script>`,
  }

  it('“analytics only” lets Google Analytics through and keeps Meta out', async () => {
    const site = await open(page)
    await site.page.evaluate(() => window.samtykke.set({ analytics: true }))
    await expect.poll(() => ranList(site)).toEqual(['gtag'])
    await expect.poll(() => site.to('google-analytics.com').length).toBeGreaterThan(0)
    await settle(site)
    expect(await ranList(site)).toEqual(['gtag'])
    expect(site.to('google-analytics.com')).toHaveLength(1)
    expect(site.to('facebook.net')).toEqual([])
    expect(site.to('facebook.com')).toEqual([])
    const cookies = await site.cookies()
    expect(cookies._ga).toBeDefined()
    expect(cookies._fbp).toBeUndefined()
    await site.close()
  })

  it('withdrawal deletes the trackers’ cookies, on the parent domain and host-only alike, keeps the rest', async () => {
    const site = await open(page)
    await site.page.evaluate(() => window.samtykke.acceptAll())
    await expect.poll(async () => (await ranList(site)).sort()).toEqual(['fbevents', 'gtag'])
    await site.page.evaluate(() => {
      document.cookie = '_ga_HOSTONLY=1; path=/'
      document.cookie = '_gcl_au=1; path=/; domain=innfram.test'
      document.cookie = 'handlekurv=3; path=/'
      localStorage.setItem('_hjSession_1', '{}')
    })
    let cookies = await site.cookies()
    expect(Object.keys(cookies)).toEqual(expect.arrayContaining(['_ga', '_ga_TEST123', '_fbp', 'samtykke']))
    const domains = (await site.context.cookies())
      .filter((c) => c.name.startsWith('_ga') || c.name == '_fbp')
      .map((c) => c.domain)
    expect(domains).toContain('.innfram.test')
    await site.page.evaluate(() => window.samtykke.set({ marketing: false }))
    cookies = await site.cookies()
    expect(cookies._fbp).toBeUndefined()
    expect(cookies._gcl_au).toBeUndefined()
    expect(cookies._ga).toBeDefined()
    await site.page.evaluate(() => window.samtykke.rejectAll())
    cookies = await site.cookies()
    expect(Object.keys(cookies).sort()).toEqual(['handlekurv', 'samtykke'])
    expect(await site.page.evaluate(() => localStorage.getItem('_hjSession_1'))).toBeNull()
    await site.close()
  })

  it('reloads on withdrawal when the site asks for it, so running tags stop', async () => {
    const site = await open(page, { reloadOnWithdraw: true })
    await site.page.evaluate(() => window.samtykke.acceptAll())
    await expect.poll(async () => (await ranList(site)).sort()).toEqual(['fbevents', 'gtag'])
    await site.page.evaluate(() => ((window as { marker?: number }).marker = 1))
    await Promise.all([
      site.page.waitForEvent('load'),
      site.page.evaluate(() => window.samtykke.set({ marketing: false })),
    ])
    expect(await site.page.evaluate(() => (window as { marker?: number }).marker)).toBeUndefined()
    await expect.poll(() => ranList(site)).toEqual(['gtag'])
    await settle(site)
    expect(await ranList(site)).toEqual(['gtag'])
    await site.close()
  })
})

describe('order and timing', () => {
  it('runs marked scripts in document order, waiting for each ordered external one to load', async () => {
    const site = await open({
      body: `<script type="text/plain" data-category="analytics">${ran('first')}</script>
        <script type="text/plain" data-category="analytics" src="https://static.hotjar.com/c/hotjar-1.js"></script>
        <script type="text/plain" data-category="analytics">${ran('after-hotjar')}</script>
        <script type="text/plain" data-category="marketing" src="${FBEVENTS}" onload='${ran('onload')}'></script>
        <script type="text/plain" data-category="marketing">${ran('last')}</script>`,
    })
    await site.page.route('https://static.hotjar.com/**', async (route) => {
      // slower than the inline scripts after it: they must still wait
      await new Promise((r) => setTimeout(r, 300))
      await route.fulfill({ contentType: 'application/javascript', body: ran('hotjar') })
    })
    await site.page.evaluate(() => window.samtykke.acceptAll())
    await site.page.waitForFunction(() => window.__ran?.includes('last'))
    expect(await ranList(site)).toEqual(['first', 'hotjar', 'after-hotjar', 'fbevents', 'onload', 'last'])
    await site.close()
  })

  it('keeps a held iframe in place as <iframe data-category data-src> without src, for the placeholder', async () => {
    const site = await open(DOORS['an iframe created by script'])
    const f = await site.page.evaluate(() => {
      const el = document.querySelector('#v iframe')!
      return {
        src: el.hasAttribute('src'),
        category: el.getAttribute('data-category'),
        dataSrc: el.getAttribute('data-src'),
      }
    })
    expect(f).toEqual({ src: false, category: 'marketing', dataSrc: YOUTUBE })
    await site.close()
  })

  it('with autoBlock: false still holds marked tags, and lets unmarked ones through', async () => {
    const site = await open(
      {
        body:
          `<iframe data-category="marketing" data-src="${YOUTUBE}"></iframe>` +
          `<script>new Image().src = ${JSON.stringify(PIXEL)}</script>`,
      },
      { autoBlock: false },
    )
    expect(site.to('www.youtube.com')).toEqual([])
    expect(site.to('www.facebook.com')).toHaveLength(1)
    await site.close()
  })
})

describe('the limits of a script in <head> (see docs/blocking.md)', () => {
  it('does not stop the preload scanner fetching an unmarked <script src> or <img src>, never runs it', async () => {
    const site = await open({
      body: `<script async src="${GTAG}"></script><script>${GA_CONFIG}</script><img alt="" src="${PIXEL}">`,
    })
    // Measured in Chromium: both are fetched (the scanner reads ahead while samtykke.js loads) …
    expect(site.thirdParty.map((r) => r.type + ' ' + r.host).sort()).toEqual([
      'image www.facebook.com',
      'script www.googletagmanager.com',
    ])
    // … but the script did not run: no cookie, no beacon, and it waits, marked, for consent.
    expect(await ranList(site)).toEqual([])
    expect(await site.cookies()).not.toHaveProperty('_ga')
    expect(
      await site.page.evaluate(() =>
        document.querySelector('script[data-category="analytics"][type="text/plain"]')?.getAttribute('data-src'),
      ),
    ).toBe(GTAG)
    await site.page.evaluate(() => window.samtykke.set({ analytics: true }))
    await site.page.waitForFunction(() => window.__ran?.includes('gtag'))
    expect(await ranList(site)).toEqual(['gtag'])
    await site.close()
  })

  it('may not stop the request of an unmarked <iframe src> in the HTML, but stops the frame', async () => {
    const site = await open({ body: `<iframe src="${YOUTUBE}"></iframe>` })
    // Chromium starts the navigation when the parser inserts the frame, before any observer runs: whether the
    // request leaves before the observer cancels it is a race (measured: sometimes it does).
    expect(site.to('www.youtube.com').length).toBeLessThanOrEqual(1)
    const frame = await site.page.evaluate(() => {
      const f = document.querySelector('iframe')!
      return { src: f.hasAttribute('src'), dataSrc: f.getAttribute('data-src'), url: f.contentDocument?.URL }
    })
    expect(frame).toEqual({ src: false, dataSrc: YOUTUBE, url: 'about:blank' })
    await site.close()
  })
})
