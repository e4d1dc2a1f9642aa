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
const cookieNames = (site: EngineSite) =>
  site.page.evaluate(() => document.cookie.split('; ').map((c) => c.split('=')[0]))
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** The focused control, through the UI's shadow root: its aria-label, `dialog`, a switch's name, or its text. */
const focused = (site: EngineSite) =>
  site.page.evaluate(() => {
    let el = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    return el
      ? el.getAttribute('aria-label') ||
          (el.tagName == 'DIALOG'
            ? 'dialog'
            : el.tagName == 'INPUT'
              ? (el as HTMLInputElement).name
              : el.textContent!.trim())
      : null
  })
const dialogOpen = () => !!document.querySelector('samtykke-ui')?.shadowRoot?.querySelector('dialog[open]')
/** dataLayer as [command, name] pairs ("consent default", "config G-…", "js"). */
const layer = (site: EngineSite) =>
  site.page.evaluate(() =>
    ((window as unknown as { dataLayer?: ArrayLike<unknown>[] }).dataLayer ?? []).map((a) =>
      a[0] == 'js' ? 'js' : `${a[0]} ${typeof a[1] == 'string' ? a[1] : ''}`.trim(),
    ),
  )

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
      expect(
        await site.page.evaluate(() => !!document.querySelector('samtykke-ui')?.shadowRoot?.querySelector('button')),
      ).toBe(false)
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
        [...(document.querySelector('samtykke-ui')?.shadowRoot?.querySelectorAll('dialog[open] label') ?? [])]
          .find((l) => l.textContent?.includes('Statistikk'))
          ?.querySelector('input'),
      )
      await site.page.clickWhen(uiButton, 'Lagre valg')
      expect(
        await site.page.evaluate(() => [window.samtykke.has('analytics'), window.samtykke.has('marketing')]),
      ).toEqual([true, false])
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

  it('withdraws: "Godta alle", then "Avvis alle" in the preference centre, and the trackers stop', async () => {
    const site = await open()
    try {
      await site.page.goto(ORIGIN + '/')
      await site.page.clickWhen(uiButton, 'Godta alle')
      await waitForRan(site, ['gtag', 'fbevents'])
      await site.page.clickWhen(() => document.querySelector<HTMLElement>('footer [data-samtykke-open]'))
      await site.page.waitFor(dialogOpen)
      await site.page.clickWhen(uiButton, 'Avvis alle')
      await site.page.waitFor(() => !window.samtykke.has('analytics') && !window.samtykke.has('marketing'))
      // The next page: nothing runs, nothing leaves, and the trackers' cookies are gone.
      await site.page.goto(ORIGIN + '/video.html')
      const before = site.thirdParty.length
      await pause(500)
      expect(await ran(site)).toEqual([])
      expect(site.thirdParty.slice(before)).toEqual([])
      expect((await cookieNames(site)).filter((c) => /^_(ga|fb)/.test(c))).toEqual([])
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })

  it('Consent Mode: the denied default comes first, before any Google command; the update follows the choice', async () => {
    const site = await open()
    try {
      await site.page.goto(ORIGIN + '/')
      await site.page.waitFor(uiButton, 'Godta alle')
      const before = await layer(site)
      expect(before[0]).toBe('consent default')
      expect(before.filter((c) => /^(config|event|js)\b/.test(c))).toEqual([])
      await site.page.clickWhen(uiButton, 'Godta alle')
      await waitForRan(site, ['gtag'])
      const after = await layer(site)
      expect(after[0]).toBe('consent default')
      expect(after.filter((c) => c == 'consent default')).toHaveLength(1)
      expect(after).toContain('config G-INNFRAM01')
      expect(after).toContain('consent update')
      // gtag.js, when it ran, found the default first and the visitor's update among what it read.
      const saw = await site.page.evaluate(() =>
        (window as { __gtagSaw?: unknown[][] }).__gtagSaw!.map((a) => [a[0], a[1], a[2]]),
      )
      expect(saw[0].slice(0, 2)).toEqual(['consent', 'default'])
      expect(saw.find((a) => a[0] == 'consent' && a[1] == 'update')?.[2]).toMatchObject({
        analytics_storage: 'granted',
        ad_storage: 'granted',
      })
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })

  it('the keyboard alone: Tab reaches every banner control, Enter opens the preference centre, Shift+Tab goes back, Escape closes it, a choice is saved', async () => {
    const site = await open()
    try {
      await site.page.goto(ORIGIN + '/')
      await site.page.waitFor(uiButton, 'Godta alle')
      const seen: (string | null)[] = []
      for (let i = 0; i < 30 && seen.at(-1) != 'Tilpass'; i++) {
        await site.page.press('Tab')
        seen.push(await focused(site))
      }
      // The banner comes first in the tab order, and every control in it is reached.
      expect(seen.slice(0, 4)).toEqual(['Les personvernerklæringen', 'Godta alle', 'Avvis alle', 'Tilpass'])
      await site.page.press('Enter')
      await site.page.waitFor(dialogOpen)
      const inDialog: (string | null)[] = []
      for (let i = 0; i < 20 && inDialog.at(-1) != 'analytics'; i++) {
        await site.page.press('Tab')
        inDialog.push(await focused(site))
      }
      expect(inDialog.at(-1)).toBe('analytics')
      await site.page.press('Shift+Tab')
      expect(await focused(site)).toBe(inDialog.at(-2))
      await site.page.press('Tab')
      await site.page.press('Space')
      expect(
        await site.page.evaluate(
          () =>
            (
              document
                .querySelector('samtykke-ui')!
                .shadowRoot!.querySelector('input[name=analytics]') as HTMLInputElement
            ).checked,
        ),
      ).toBe(true)
      // Escape closes without recording, and gives focus back to "Tilpass".
      await site.page.press('Escape')
      await site.page.waitFor(() => !document.querySelector('samtykke-ui')?.shadowRoot?.querySelector('dialog[open]'))
      expect(await focused(site)).toBe('Tilpass')
      expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(false)
      // Again, and this time saved: marketing on, with Space, then "Lagre valg" with Enter.
      await site.page.press('Enter')
      await site.page.waitFor(dialogOpen)
      for (let i = 0; i < 20 && (await focused(site)) != 'marketing'; i++) await site.page.press('Tab')
      await site.page.press('Space')
      for (let i = 0; i < 20 && (await focused(site)) != 'Lagre valg'; i++) await site.page.press('Tab')
      await site.page.press('Enter')
      await site.page.waitFor(() => window.samtykke.decided)
      expect(
        await site.page.evaluate(() => [window.samtykke.has('analytics'), window.samtykke.has('marketing')]),
      ).toEqual([false, true])
      await waitForRan(site, ['fbevents'])
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })
})
