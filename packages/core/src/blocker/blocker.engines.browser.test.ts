// The blocker in the engines besides Chromium (test/engines.ts): Firefox ESR and WebKit (WebKitGTK, the engine of
// Safari and of every browser on iOS). The full blocker suite runs in Chromium (blocker.browser.test.ts); here, each
// door and the unmarked tags of a real page. Firefox is where engines differ most: it starts a parser-inserted async
// script before the MutationObserver can mark it, and runs it whatever its type says by then; the blocker answers
// Firefox's `beforescriptexecute` for the scripts it stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES, type EngineSite } from '../../../../test/engines'
import { ORIGIN } from '../../../../test/site'
import { pageWithSamtykke } from '../../../../test/browser'
import { DOORS } from '../../test/doors'

// Tags pasted as the vendors give them, unmarked: GA4's async snippet, Meta's sync loader, an old tag that writes
// itself.
const unmarked = pageWithSamtykke({
  head: `<script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
<script src="https://connect.facebook.net/en_US/fbevents.js"></script>`,
  body: `<script>document.write('<script src="https://static.ads-twitter.com/uwt.js"><\\/script>')</script>`,
})
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
const ran = (site: EngineSite) => site.page.evaluate(() => ((window as { __ran?: string[] }).__ran ?? []).slice())

describe.each(ENGINES)('the blocker in $name', (engine) => {
  beforeAll(() => engine.launch())
  afterAll(() => engine.close())

  it('keeps unmarked tags in the HTML from running before consent, and runs each once after it', async () => {
    const site = await engine.open('.', { '/': unmarked })
    try {
      await site.page.goto(ORIGIN + '/')
      await pause(800)
      expect(await ran(site)).toEqual([])
      expect(await site.page.evaluate(() => document.cookie.split('; ').filter((c) => /^_(ga|fb)/.test(c)))).toEqual([])
      // What the tags would have sent once running: nothing of it left.
      expect(site.thirdParty.filter((u) => /google-analytics\.com|facebook\.com\/tr/.test(u))).toEqual([])

      await site.page.evaluate(() => window.samtykke.acceptAll())
      await site.page.waitFor(() => ((window as { __ran?: string[] }).__ran ?? []).length >= 3)
      await pause(500) // none runs twice
      expect((await ran(site)).sort()).toEqual(['fbevents', 'gtag', 'static.ads-twitter.com/uwt.js'])
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })

  describe.each(Object.entries(DOORS))('%s', (_, door) => {
    it('sends nothing before a decision; after “accept all” the tag runs, or loads, once', async () => {
      const site = await engine.open('.', { '/': pageWithSamtykke({ head: door.head, body: door.body }) })
      try {
        await site.page.goto(ORIGIN + '/')
        await pause(300)
        expect(site.thirdParty).toEqual([])
        await site.page.evaluate(() => window.samtykke.acceptAll())
        const host = (name: string) => site.thirdParty.filter((u) => new URL(u).hostname == name)
        if (door.again) {
          // What was held is dropped, never sent late; a call made after consent goes out.
          await pause(500)
          expect(site.thirdParty).toEqual([])
          await site.page.evaluate(door.again)
          await expect.poll(() => host('region1.google-analytics.com').length).toBeGreaterThan(0)
          await pause(300)
          expect(host('region1.google-analytics.com')).toHaveLength(1)
        } else {
          // Waits for what must happen (a slow machine may take its time), then a moment more for what must not.
          await expect.poll(() => ran(site)).toEqual(door.runs ?? [])
          for (const name of door.loads ?? [])
            await expect.poll(() => host(name).length, { message: name }).toBeGreaterThan(0)
          await pause(300)
          expect(await ran(site)).toEqual(door.runs ?? [])
          for (const name of door.loads ?? []) expect(host(name), name).toHaveLength(1)
        }
        expect(site.errors).toEqual([])
      } finally {
        await site.close()
      }
    })
  })
})
