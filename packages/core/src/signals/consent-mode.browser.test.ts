// Google Consent Mode v2 in real Chromium, through the built drop-in: what gtag.js sees when it runs.
// The fake gtag.js (test/fakes.mjs) records the dataLayer as it found it in window.__gtagSaw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium, openSite, pageWithSamtykke, ORIGIN, type Site } from '../../../../test/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

const GTAG = 'https://www.googletagmanager.com/gtag/js?id=G-TEST123'
/** Google's snippet as pasted, marked for analytics: loader first, then the commands. */
const MARKED_GTAG =
  `<script type="text/plain" data-category="analytics" async src="${GTAG}"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}` +
  `gtag('js',new Date());gtag('config','G-TEST123');</script>`

const open = async (config?: unknown, head = MARKED_GTAG) => {
  const site = await openSite(browser, { files: { '/': pageWithSamtykke({ config, head }) } })
  await site.page.goto(ORIGIN + '/')
  return site
}
const saw = async (site: Site) => {
  await site.page.waitForFunction(() => (window as { __gtagSaw?: unknown }).__gtagSaw)
  return site.page.evaluate(() => (window as { __gtagSaw?: unknown[][] }).__gtagSaw!)
}
/** gtag's commands by name; what else was pushed (GTM events), as it is. */
const names = (layer: unknown[]) =>
  layer.map((a) => (!Array.isArray(a) ? a : a[0] == 'js' ? 'js' : a.slice(0, 2).join(' ')))
const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
}

describe('Consent Mode v2', () => {
  it('puts the denied default first in dataLayer, and the update before gtag.js reads it', async () => {
    const site = await open({ consentMode: { adsDataRedaction: true } })
    await site.page.evaluate(() => window.samtykke.set({ analytics: true }))
    const layer = await saw(site)
    expect(layer[0]).toEqual(['consent', 'default', { ...DENIED, security_storage: 'granted', wait_for_update: 500 }])
    expect(layer[1]).toEqual(['set', 'ads_data_redaction', true])
    expect(layer.map((a) => (a[0] == 'js' ? 'js' : a.slice(0, 2).join(' ')))).toEqual([
      'consent default',
      'set ads_data_redaction',
      'js',
      'config G-TEST123',
      'consent update',
    ])
    expect(layer[4][2]).toEqual({ ...DENIED, analytics_storage: 'granted' })
    // with analytics granted the fake tag sets _ga, as the real one does
    expect(await site.cookies()).toHaveProperty('_ga')
    await site.close()
  })

  it('gives a returning visitor’s choice as an update right after the default, before the page’s own', async () => {
    const site = await open()
    await site.page.evaluate(() => window.samtykke.acceptAll())
    await site.page.goto(ORIGIN + '/')
    const layer = await saw(site)
    expect(layer.map((a) => (a[0] == 'js' ? 'js' : a.slice(0, 2).join(' ')))).toEqual([
      'consent default',
      'consent update',
      'js',
      'config G-TEST123',
    ])
    expect(Object.values(layer[1][2] as object)).toEqual(Array(6).fill('granted'))
    expect(layer.filter((a) => a[1] == 'default')).toHaveLength(1)
    await site.close()
  })

  it('is first even when the site loads gtag.js unmarked (the default still applies to the held tag)', async () => {
    const site = await open(undefined, MARKED_GTAG.replace(' type="text/plain" data-category="analytics"', ''))
    expect(await site.page.evaluate(() => (window as { __gtagSaw?: unknown }).__gtagSaw)).toBeUndefined()
    await site.page.evaluate(() => window.samtykke.set({ analytics: true }))
    expect((await saw(site))[0].slice(0, 2)).toEqual(['consent', 'default'])
    await site.close()
  })

  it('with consentMode: false, leaves dataLayer alone', async () => {
    const site = await open({ consentMode: false }, '')
    expect(await site.page.evaluate(() => (window as { dataLayer?: unknown }).dataLayer)).toBeUndefined()
    await site.close()
  })

  it('with gtmEvent, follows each update with the event for GTM, a returning visitor’s before gtag.js', async () => {
    const site = await open({ gtmEvent: true })
    await site.page.evaluate(() => window.samtykke.set({ analytics: true }))
    const granted = { necessary: true, preferences: false, analytics: true, marketing: false }
    const event = { event: 'samtykke_consent', samtykke: granted }
    expect(names(await saw(site))).toEqual(['consent default', 'js', 'config G-TEST123', 'consent update', event])
    await site.page.goto(ORIGIN + '/')
    expect(names(await saw(site))).toEqual(['consent default', 'consent update', event, 'js', 'config G-TEST123'])
    expect(
      await site.page.evaluate(
        () => (window as unknown as { dataLayer: object[] }).dataLayer.filter((e) => 'event' in e).length,
      ),
    ).toBe(1)
    await site.close()
  })

  it('queues the UET default before Microsoft’s tag and tells it about each decision', async () => {
    const site = await open(undefined, '')
    await site.page.evaluate(() => window.samtykke.set({ marketing: true }))
    expect(await site.page.evaluate(() => (window as { uetq?: unknown }).uetq)).toEqual([
      'consent',
      'default',
      { ad_storage: 'denied' },
      'consent',
      'update',
      { ad_storage: 'granted' },
    ])
    await site.close()
  })
})
