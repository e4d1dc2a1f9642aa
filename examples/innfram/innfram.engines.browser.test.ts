// The INNFRAM site in the engines besides Chromium (test/engines.ts): Firefox ESR and WebKit (WebKitGTK, the engine of
// Safari and of every browser on iOS). The Chromium suite (innfram.browser.test.ts) goes into detail; this one checks
// that what matters holds there too: nothing leaves before a choice, not even through the doors that unmarked tags
// use, and each choice does what it says.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ENGINES, uiButton, type EngineSite } from '../../test/engines'
import { ORIGIN } from '../../test/site'

const ran = (site: EngineSite) => site.page.evaluate(() => ((window as { __ran?: string[] }).__ran ?? []).slice())
const waitForRan = (site: EngineSite, names: string[]) =>
  site.page.waitFor((n: string[]) => n.every((x) => ((window as { __ran?: string[] }).__ran ?? []).includes(x)), names)
const cookieNames = (site: EngineSite) => site.page.evaluate(() => document.cookie.split('; ').map((c) => c.split('=')[0]))
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.each(ENGINES)('the INNFRAM site in $name', (engine) => {
  beforeAll(() => engine.launch())
  afterAll(() => engine.close())
  const open = () => engine.open('examples/innfram')

  it('asks first, and sends nothing before a choice, not even from tags that go around the markup', async () => {
    const site = await open()
    try {
      await site.page.goto(ORIGIN + '/')
      await site.page.waitFor(uiButton, 'Godta alle')
      // What an unmarked tag does: insert gtag.js, fire a pixel, send a beacon, fetch, XHR.
      await site.page.evaluate(() => {
        const s = document.createElement('script')
        s.src = 'https://www.googletagmanager.com/gtag/js?id=G-SNEAKY'
        document.head.append(s)
        new Image().src = 'https://www.facebook.com/tr/?id=1&ev=PageView'
        navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-SNEAKY')
        fetch('https://www.googleadservices.com/pagead/conversion/1/').catch(() => {})
        const x = new XMLHttpRequest()
        x.open('GET', 'https://connect.facebook.net/en_US/fbevents.js')
        x.send()
      })
      await pause(500)
      expect(site.thirdParty).toEqual([])
      expect(await ran(site)).toEqual([])
      expect((await cookieNames(site)).filter((c) => /^_(ga|fb)/.test(c))).toEqual([])
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })

  it('runs GA4 and the Meta pixel after "Godta alle", and on the next visit without asking', async () => {
    const site = await open()
    try {
      await site.page.goto(ORIGIN + '/')
      await site.page.clickWhen(uiButton, 'Godta alle')
      await waitForRan(site, ['gtag', 'fbevents'])
      await site.page.waitFor(() => document.cookie.includes('_ga='))
      expect(await cookieNames(site)).toEqual(expect.arrayContaining(['samtykke', '_ga', '_fbp']))
      await vi.waitFor(() => {
        expect(site.thirdParty.some((u) => u.includes('google-analytics.com'))).toBe(true)
        expect(site.thirdParty.some((u) => u.includes('facebook.com'))).toBe(true)
      }, 2000)

      await site.page.reload()
      await waitForRan(site, ['gtag', 'fbevents'])
      await pause(300)
      expect(await site.page.evaluate(() => !!document.querySelector('samtykke-ui')?.shadowRoot?.querySelector('button'))).toBe(false)
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })

  it('runs nothing after "Avvis alle"; the footer link reopens the choice, and a saved switch lets only that purpose run', async () => {
    const site = await open()
    try {
      await site.page.goto(ORIGIN + '/')
      await site.page.clickWhen(uiButton, 'Avvis alle')
      await site.page.goto(ORIGIN + '/video.html')
      await pause(500)
      expect(site.thirdParty).toEqual([])
      expect(await ran(site)).toEqual([])

      await site.page.clickWhen(() => document.querySelector<HTMLElement>('footer [data-samtykke-open]'))
      await site.page.clickWhen(() =>
        [...(document.querySelector('samtykke-ui')?.shadowRoot?.querySelectorAll('dialog[open] label') ?? [])].find((l) => l.textContent?.includes('Statistikk'))?.querySelector('input'),
      )
      await site.page.clickWhen(uiButton, 'Lagre valg')
      expect(await site.page.evaluate(() => [window.samtykke.has('analytics'), window.samtykke.has('marketing')])).toEqual([true, false])
      await site.page.goto(ORIGIN + '/')
      await waitForRan(site, ['gtag'])
      await pause(300)
      expect(await ran(site)).not.toContain('fbevents')
      expect(site.thirdParty.filter((u) => /facebook|youtube/.test(u))).toEqual([])
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })
})
