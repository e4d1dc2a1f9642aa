// The proof of mark.browser.test.ts in the engines besides Chromium (test/engines.ts): Firefox ESR and WebKitGTK.
// The same page with every tag kind, loaded with samtykke.js first in <head>: unmarked, the runtime blocker keeps the
// tags from running, but the engine's preload scanner fetches what is in the HTML; marked by samtykke mark, nothing
// reaches a tracker host before a choice, nor after "reject all" and a reload. Every request to a third-party host is
// seen: Firefox's through puppeteer's request interception, WebKit's through the harness's logging proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES, type EngineSite } from '../../../test/engines'
import { ORIGIN } from '../../../test/site'
import { markHtml } from './transform'
import { everyTagPage } from '../test/corpus'

const unmarked = everyTagPage('<script src="/samtykke/samtykke.js"></script>')
const marked = markHtml(unmarked).html
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
const ran = (site: EngineSite) => site.page.evaluate(() => ((window as { __ran?: string[] }).__ran ?? []).slice())

describe.each(ENGINES)('a page with every tag kind, in $name', (engine) => {
  beforeAll(() => engine.launch())
  afterAll(() => engine.close())

  it('unmarked: nothing runs before a choice, though the preload scanner fetches what the HTML names', async () => {
    const site = await engine.open('.', { '/': unmarked })
    try {
      await site.page.goto(ORIGIN + '/')
      await pause(400)
      expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(false)
      expect(await ran(site)).toEqual([])
      expect(
        await site.page.evaluate(() =>
          document.cookie.split('; ').filter((c) => /^_(ga|fb|gcl|uet|tt|pin|hj|clck)/.test(c)),
        ),
      ).toEqual([])
      // What the tags would send once running (a page view to GA4 or Meta from script) never leaves.
      expect(
        site.thirdParty.filter((u) => /google-analytics\.com\/g\/collect|facebook\.com\/tr\/?\?.*ev=/.test(u)),
      ).toEqual([])
      console.info(
        `${engine.name}, unmarked page before a choice: ${site.thirdParty.length} requests to tracker hosts ` +
          `(preload scanner): ${[...new Set(site.thirdParty.map((u) => new URL(u).hostname))].join(', ')}`,
      )
    } finally {
      await site.close()
    }
  })

  it(
    'marked by samtykke mark: nothing before a choice, nothing after "reject all" and a reload; "accept all" runs ' +
      'the tags',
    async () => {
      const site = await engine.open('.', { '/': marked })
      try {
        await site.page.goto(ORIGIN + '/')
        await pause(400)
        expect(site.thirdParty).toEqual([])
        await site.page.evaluate(() => window.samtykke.rejectAll())
        await pause(200)
        await site.page.reload()
        await pause(400)
        expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(true)
        expect(site.thirdParty).toEqual([])
        expect(await ran(site)).toEqual([])

        await site.page.evaluate(() => window.samtykke.acceptAll())
        await site.page.waitFor(() =>
          ['gtag', 'fbevents'].every((n) => ((window as { __ran?: string[] }).__ran ?? []).includes(n)),
        )
        const runs = await ran(site)
        expect(new Set(runs).size).toBe(runs.length)
        expect(site.errors).toEqual([])
      } finally {
        await site.close()
      }
    },
  )
})
