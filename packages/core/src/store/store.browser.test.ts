// The consent record in a real browser: the cookie's attributes, a choice surviving a reload,
// other tabs following along, and a page that keeps working when cookies are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium, openSite, pageWithSamtykke, ORIGIN } from '../../../../test/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

const page = (config?: unknown) => ({
  files: { '/': pageWithSamtykke({ config }), '/other.html': pageWithSamtykke({ config }) },
})

describe('the samtykke cookie', () => {
  it('is written on a decision with Path=/, SameSite=Lax, Secure on https, and the configured lifetime', async () => {
    const site = await openSite(browser, page({ cookie: { days: 30 } }))
    await site.page.goto(ORIGIN + '/')
    expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(false)
    await site.page.evaluate(() => window.samtykke.set({ analytics: true }))
    const [cookie] = (await site.context.cookies()).filter((c) => c.name == 'samtykke')
    expect(cookie.path).toBe('/')
    expect(cookie.sameSite).toBe('Lax')
    expect(cookie.secure).toBe(true)
    expect(cookie.domain).toBe('www.innfram.test')
    expect(cookie.value.length).toBeLessThan(200)
    const days = (cookie.expires * 1000 - Date.now()) / 864e5
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThan(30.1)
    await site.close()
  })

  it('brings the choice back on the next page load', async () => {
    const site = await openSite(browser, page())
    await site.page.goto(ORIGIN + '/')
    const id = await site.page.evaluate(
      async () => (await window.samtykke.set({ analytics: true }), window.samtykke.get().record!.id),
    )
    await site.page.goto(ORIGIN + '/other.html')
    const state = await site.page.evaluate(() => window.samtykke.get())
    expect(state.decided).toBe(true)
    expect(state.granted).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false })
    expect(state.record!.id).toBe(id)
    await site.close()
  })

  it('covers every subdomain when cookie.domain is set', async () => {
    const site = await openSite(browser, page({ cookie: { domain: 'innfram.test' } }))
    await site.page.goto(ORIGIN + '/')
    await site.page.evaluate(() => window.samtykke.acceptAll())
    expect((await site.context.cookies()).find((c) => c.name == 'samtykke')!.domain).toBe('.innfram.test')
    await site.page.goto('https://shop.innfram.test/')
    expect(await site.page.evaluate(() => window.samtykke.has('marketing'))).toBe(true)
    await site.close()
  })

  it('is not Secure on plain http, so the choice still sticks there', async () => {
    const site = await openSite(browser, page())
    await site.page.goto('http://www.innfram.test/')
    await site.page.evaluate(() => window.samtykke.rejectAll())
    const cookie = (await site.context.cookies('http://www.innfram.test/')).find((c) => c.name == 'samtykke')!
    expect(cookie.secure).toBe(false)
    await site.page.reload()
    expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(true)
    await site.close()
  })

  it('a tampered cookie asks the visitor again, grants nothing, and says why once', async () => {
    const site = await openSite(browser, page())
    await site.context.addCookies([
      {
        name: 'samtykke',
        value: '1~1~t4e2k0~aaaaaaaaaaaaaaaaaaaaaaaa~0~0~necessary:0.analytics:1.marketing:1',
        url: ORIGIN,
      },
    ])
    await site.page.goto(ORIGIN + '/')
    expect(
      await site.page.evaluate(() => [
        window.samtykke.decided,
        window.samtykke.has('analytics'),
        window.samtykke.has('marketing'),
      ]),
    ).toEqual([false, false, false])
    const ignored = () => site.console.filter((m) => m.text.startsWith('samtykke: the samtykke cookie was ignored'))
    await expect.poll(() => ignored().length).toBe(1)
    await site.page.waitForTimeout(200)
    const warnings = ignored()
    expect(warnings).toHaveLength(1)
    expect(warnings[0].text).toContain('necessary is missing or off')
    await site.close()
  })
})

describe('a browser that cuts the cookie short (Safari and Brave: 7 days for a cookie a script writes)', () => {
  const DAYS = 182
  /** The one samtykke cookie, and its days left. */
  const ours = async (site: Awaited<ReturnType<typeof openSite>>) => {
    const all = (await site.context.cookies(['https://www.innfram.test/'])).filter((c) => c.name == 'samtykke')
    return all.map((c) => ({ ...c, daysLeft: (c.expires * 1000 - Date.now()) / 864e5 }))
  }
  const decide = async (site: Awaited<ReturnType<typeof openSite>>) => {
    await site.page.goto(ORIGIN + '/')
    return site.page.evaluate(
      async () => (await window.samtykke.set({ analytics: true }), window.samtykke.get().record!),
    )
  }
  /** A choice made under one config, carried by a visitor to the site under the next: the new site, front page. */
  const carried = async (before: object, after: object) => {
    const site = await openSite(browser, page(before))
    await decide(site)
    const [old] = await ours(site)
    await site.close()
    const later = await openSite(browser, page(after))
    await later.context.addCookies([old])
    await later.page.goto(ORIGIN + '/')
    return { later, old }
  }
  /** On the next page the visitor's choice (analytics on) still holds, and nothing was said. */
  const stands = async (later: Awaited<ReturnType<typeof openSite>>) => {
    await later.page.reload()
    expect(await later.page.evaluate(() => [window.samtykke.decided, window.samtykke.has('analytics')])).toEqual([
      true,
      true,
    ])
    expect(later.console).toEqual([])
    await later.close()
  }

  it('gets its full lifetime back on the next visit, counted from the decision, not from the visit', async () => {
    const site = await openSite(browser, page())
    const record = await decide(site)
    const [cookie] = await ours(site)
    // What Safari does to it: the same cookie, kept for 7 days only.
    await site.context.addCookies([{ ...cookie, expires: Math.floor(Date.now() / 1000) + 7 * 86400 }])
    expect((await ours(site))[0].daysLeft).toBeLessThan(7.01)

    await site.page.goto(ORIGIN + '/other.html')
    await expect.poll(async () => (await ours(site))[0].daysLeft).toBeGreaterThan(7.01)
    const [renewed] = await ours(site)
    expect(renewed).toMatchObject({
      value: cookie.value,
      path: '/',
      sameSite: 'Lax',
      secure: true,
      domain: 'www.innfram.test',
    })
    expect(Math.abs(renewed.expires * 1000 - (record.time + DAYS * 864e5))).toBeLessThan(2000)
    expect(await site.page.evaluate(() => window.samtykke.get().record!.id)).toBe(record.id)
    expect(site.console).toEqual([])
    await site.close()
  })

  it('moves a host-only copy onto cookie.domain when the site has set one since', async () => {
    const { later } = await carried({}, { cookie: { domain: 'innfram.test' } })
    await expect.poll(async () => (await ours(later)).map((c) => c.domain)).toEqual(['.innfram.test'])
    expect((await ours(later))[0].daysLeft).toBeGreaterThan(DAYS - 1)
    await later.page.goto('https://shop.innfram.test/other.html')
    await stands(later)
  })

  it('moves a copy on a parent domain to this host when the config no longer names it; the choice stands', async () => {
    const { later } = await carried({ cookie: { domain: 'innfram.test' } }, {})
    await expect.poll(async () => (await ours(later)).map((c) => c.domain)).toEqual(['www.innfram.test'])
    expect((await ours(later))[0].daysLeft).toBeGreaterThan(DAYS - 1)
    await stands(later)
  })

  it('moves the copy onto the new cookie.domain when the site has changed it, and the choice stands', async () => {
    const { later } = await carried({ cookie: { domain: 'www.innfram.test' } }, { cookie: { domain: 'innfram.test' } })
    await expect.poll(async () => (await ours(later)).map((c) => c.domain)).toEqual(['.innfram.test'])
    await stands(later)
  })

  it('a new choice, and a reset, leave no copy from an earlier cookie.domain behind', async () => {
    const { later, old } = await carried(
      { cookie: { domain: 'www.innfram.test' } },
      { cookie: { domain: 'innfram.test' } },
    )
    await later.page.evaluate(() => window.samtykke.rejectAll())
    expect((await ours(later)).map((c) => [c.domain, c.value.includes('analytics:0')])).toEqual([
      ['.innfram.test', true],
    ])
    await later.page.reload()
    expect(await later.page.evaluate(() => [window.samtykke.decided, window.samtykke.has('analytics')])).toEqual([
      true,
      false,
    ])
    // Withdrawn means gone, every copy: the old choice does not come back on the next page.
    await later.context.addCookies([old])
    await later.page.evaluate(() => window.samtykke.reset())
    expect(await ours(later)).toEqual([])
    await later.page.reload()
    expect(await later.page.evaluate(() => window.samtykke.decided)).toBe(false)
    await later.close()
  })

  it('does not renew a choice that has run out: the visitor is asked again', async () => {
    const site = await openSite(browser, page({ cookie: { days: 30 } }))
    await site.page.goto(ORIGIN + '/')
    // Decided 40 days ago (time in base-36 seconds), kept by a browser that did not cut it short.
    const old = Math.floor((Date.now() - 40 * 864e5) / 1000).toString(36)
    const value = `1~1~${old}~aaaaaaaaaaaaaaaaaaaaaaaa~0~0~necessary:1.preferences:1.analytics:1.marketing:1`
    await site.context.addCookies([
      { name: 'samtykke', value, url: ORIGIN, expires: Math.floor(Date.now() / 1000) + 86400 },
    ])
    await site.page.reload()
    expect(await site.page.evaluate(() => [window.samtykke.decided, window.samtykke.get().ask])).toEqual([
      false,
      'expired',
    ])
    await expect.poll(async () => (await ours(site))[0].daysLeft).toBeLessThan(1.01)
    await site.close()
  })
})

describe('other tabs', () => {
  it('follow a choice made in one tab without a reload', async () => {
    const site = await openSite(browser, page())
    await site.page.goto(ORIGIN + '/')
    const other = await site.context.newPage()
    await other.goto(ORIGIN + '/other.html')
    expect(await other.evaluate(() => window.samtykke.has('analytics'))).toBe(false)
    await site.page.evaluate(() => window.samtykke.set({ analytics: true }))
    await other.waitForFunction(() => window.samtykke.has('analytics'))
    await site.page.evaluate(() => window.samtykke.rejectAll())
    await other.waitForFunction(() => !window.samtykke.has('analytics') && window.samtykke.decided)
    await site.close()
  })
})

describe('proof of consent', () => {
  it('sends a JSON receipt of each decision to receiptUrl', async () => {
    const site = await openSite(browser, page({ receiptUrl: '/api/samtykke', revision: '2025-1' }))
    await site.page.goto(ORIGIN + '/')
    const posted = site.page.waitForRequest((r) => r.url().endsWith('/api/samtykke') && r.method() == 'POST')
    await site.page.evaluate(() => window.samtykke.set({ analytics: true }, 'custom'))
    const receipt = JSON.parse((await posted).postData()!)
    const record = await site.page.evaluate(() => window.samtykke.get().record!)
    expect(receipt).toMatchObject({
      id: record.id,
      revision: '2025-1',
      how: 'custom',
      gpc: false,
      url: ORIGIN + '/',
      lang: 'nb',
    })
    expect(receipt.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false })
    expect(new Date(receipt.time).getTime()).toBe(record.time)
    await site.close()
  })
})

describe('when cookies are refused', () => {
  it('keeps the choice for the page view, warns once, and throws nothing', async () => {
    const site = await openSite(browser, page())
    // A browser set to block all cookies: the document.cookie setter is a no-op there.
    await site.page.addInitScript(() => {
      Object.defineProperty(Document.prototype, 'cookie', { get: () => '', set: () => {}, configurable: true })
    })
    await site.page.goto(ORIGIN + '/')
    await site.page.evaluate(() => window.samtykke.set({ analytics: true }))
    expect(await site.page.evaluate(() => window.samtykke.has('analytics'))).toBe(true)
    expect(site.errors).toEqual([])
    // The drop-in fetches the text of its messages when it has one to print (samtykke-messages.js): wait for it, then
    // make sure no second one follows.
    const unavailable = () => site.console.filter((m) => m.text.startsWith('samtykke: cookies are unavailable')).length
    await expect.poll(unavailable).toBe(1)
    await site.page.waitForTimeout(200)
    expect(unavailable()).toBe(1)
    await site.close()
  })
})

describe('Global Privacy Control', () => {
  it('keeps marketing off on "accept all" and notes the signal', async () => {
    const site = await openSite(browser, page())
    await site.page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    )
    await site.page.goto(ORIGIN + '/')
    await site.page.evaluate(() => window.samtykke.acceptAll())
    expect(
      await site.page.evaluate(() => [
        window.samtykke.has('analytics'),
        window.samtykke.has('marketing'),
        window.samtykke.get().record!.gpc,
      ]),
    ).toEqual([true, false, true])
    await site.close()
  })
})
