// The event for Google Tag Manager (gtmEvent) in the engines besides Chromium (test/engines.ts): Firefox ESR and
// WebKit, through the built drop-in, as the fake gtag.js (test/fakes.mjs) finds dataLayer when it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../../../../test/engines'
import { ORIGIN } from '../../../../test/site'
import { pageWithSamtykke } from '../../../../test/browser'

const page = pageWithSamtykke({
  config: { gtmEvent: 'samtykke_consent' },
  head:
    '<script type="text/plain" data-category="analytics" async ' +
    'src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>\n' +
    "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());" +
    "gtag('config','G-TEST123');</script>",
})
const names = (layer: unknown[]) =>
  layer.map((a) => (!Array.isArray(a) ? a : a[0] == 'js' ? 'js' : a.slice(0, 2).join(' ')))
const event = {
  event: 'samtykke_consent',
  samtykke: { necessary: true, preferences: false, analytics: true, marketing: false },
}

describe.each(ENGINES)('the Google Tag Manager event in $name', (engine) => {
  beforeAll(() => engine.launch())
  afterAll(() => engine.close())

  it('follows the Consent Mode update of a decision, and of a returning visitor’s choice at start-up', async () => {
    const site = await engine.open('.', { '/': page })
    try {
      await site.page.goto(ORIGIN + '/')
      await site.page.evaluate(() => window.samtykke.set({ analytics: true }))
      await site.page.waitFor(() => window.__gtagSaw)
      expect(names(await site.page.evaluate(() => window.__gtagSaw!))).toEqual([
        'consent default',
        'js',
        'config G-TEST123',
        'consent update',
        event,
      ])
      await site.page.reload()
      await site.page.waitFor(() => window.__gtagSaw)
      expect(names(await site.page.evaluate(() => window.__gtagSaw!))).toEqual([
        'consent default',
        'consent update',
        event,
        'js',
        'config G-TEST123',
      ])
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })
})
