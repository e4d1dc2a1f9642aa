// The proof, in real Chromium: the same page with every tag kind, loaded with samtykke.js first in <head>.
// Unmarked, the runtime blocker stops the tags from running but not the preload scanner from fetching them;
// marked by samtykke mark, nothing reaches a tracker host before a choice. Every request is recorded with the
// DevTools protocol (Network.requestWillBeSent) from before the navigation; tracker hosts are answered by the fakes
// in test/fakes.mjs, which record in window.__ran that they ran.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium, openSite, ORIGIN, type Site } from '../../../test/browser'
import { isFirstParty } from '../../../test/site'
import { markHtml } from './transform'
import { corpus, everyTagPage } from '../test/corpus'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

const unmarked = everyTagPage('<script src="/samtykke/samtykke.js"></script>')
const marked = markHtml(unmarked).html

/** Opens the page with CDP recording every request that leaves for a third-party host, from the start. */
async function open(html: string): Promise<{ site: Site; sent: string[]; visit: () => Promise<void> }> {
  const site = await openSite(browser, { files: { '/': html } })
  const sent: string[] = []
  const cdp = await site.context.newCDPSession(site.page)
  cdp.on('Network.requestWillBeSent', (e) => {
    const u = new URL(e.request.url)
    if (/^https?:$/.test(u.protocol) && !isFirstParty(u.hostname)) sent.push(e.request.url)
  })
  await cdp.send('Network.enable')
  const visit = async () => {
    await site.page.goto(ORIGIN + '/')
    await site.page.waitForTimeout(300)
  }
  await visit()
  return { site, sent, visit }
}

const SYNC_SCRIPTS = [
  'snap.licdn.com/li.lms-analytics/insight.min.js',
  'static.hotjar.com/c/hotjar-1.js',
  'www.clarity.ms/tag/abcdef',
  'bat.bing.com/bat.js',
  'analytics.tiktok.com/i18n/pixel/events.js',
  'sc-static.net/scevent.min.js',
]

describe('a page with every tag kind, in Chromium', () => {
  it('unmarked, with samtykke.js alone: the preload scanner reaches tracker hosts before any choice', async () => {
    const { site, sent } = await open(unmarked)
    expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(false)
    const hosts = new Set(sent.map((u) => new URL(u).hostname))
    // Measured: the scripts and the image pixels in the HTML are fetched (the blocker stops them from running).
    expect(hosts).toContain('www.googletagmanager.com')
    expect(hosts).toContain('px.ads.linkedin.com')
    expect(hosts).toContain('ct.pinterest.com')
    // (12 requests in the runs measured for the report: every script, both pixels, the embed and the preloads.)
    expect(sent.length).toBeGreaterThanOrEqual(5)
    expect(await site.page.evaluate(() => window.__ran ?? [])).toEqual([])
    await site.close()
  })

  it('marked by samtykke mark: nothing before a choice; “accept all” runs every tag once, in order', async () => {
    const { site, sent } = await open(marked)
    expect(sent).toEqual([])
    await site.page.evaluate(() => window.samtykke.acceptAll())
    await site.page.waitForFunction((n) => (window.__ran ?? []).length >= n, SYNC_SCRIPTS.length + 2)
    await site.page.waitForTimeout(300)
    const ran = await site.page.evaluate(() => window.__ran ?? [])
    // Each ran once; the scripts that are not async ran in document order, as the parser would have run them.
    expect(new Set(ran).size).toBe(ran.length)
    expect(ran.filter((r) => SYNC_SCRIPTS.includes(r))).toEqual(SYNC_SCRIPTS)
    expect(ran).toEqual(expect.arrayContaining(['gtag', 'fbevents']))
    // The inline snippets ran too: Google's queued its config, Meta's loaded fbevents.js (above).
    expect(
      await site.page.evaluate(() =>
        (window as unknown as { dataLayer: IArguments[] }).dataLayer.some(
          (a) => a[0] == 'config' && a[1] == 'G-EVERY1',
        ),
      ),
    ).toBe(true)
    // The image pixels and the embed load once; the <noscript> pixel never (JavaScript is on).
    const count = (part: string) => sent.filter((u) => u.includes(part)).length
    expect(count('px.ads.linkedin.com/collect')).toBe(1)
    expect(count('ct.pinterest.com/v3/')).toBe(1)
    expect(count('www.youtube-nocookie.com/embed/every')).toBe(1)
    expect(count('www.facebook.com/tr?id=1234567890')).toBe(0)
    // The marked <link>s got their href back: preconnect, dns-prefetch, preload, prefetch, modulepreload.
    const links = await site.page.evaluate(() =>
      [...document.querySelectorAll('link[data-category]')].map(
        (l) => l.getAttribute('rel') + ' ' + l.getAttribute('href'),
      ),
    )
    expect(links).toEqual([
      'preconnect https://www.google-analytics.com',
      'dns-prefetch //connect.facebook.net',
      'preload https://snap.licdn.com/li.lms-analytics/insight.min.js',
      'prefetch https://static.hotjar.com/c/hotjar-1.js?sv=6',
      'modulepreload https://analytics.tiktok.com/i18n/pixel/module.js',
    ])
    expect(site.errors).toEqual([])
    await site.close()
  })

  it('marked, after “reject all” and a reload: still nothing', async () => {
    const { site, sent, visit } = await open(marked)
    await site.page.evaluate(() => window.samtykke.rejectAll())
    await site.page.waitForTimeout(200)
    await visit()
    expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(true)
    expect(sent).toEqual([])
    expect(await site.page.evaluate(() => window.__ran ?? [])).toEqual([])
    await site.close()
  })
})

describe('tags with a data-category but a live URL, image inputs and URLs only a parser reads, in Chromium', () => {
  // Each of these was left as it was (and `--check` called the page clean) before samtykke mark knew them.
  const page = `<!doctype html><html><head><meta charset="utf-8">\
<script src="/samtykke/samtykke.js"></script></head><body>
<script data-category="analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-HALF"></script>
<img data-category="marketing" src="https://www.facebook.com/tr?id=half" alt="">
<iframe data-category="marketing" src="https://www.youtube.com/embed/half" title="Film"></iframe>
<input type="image" src="https://px.ads.linkedin.com/collect?pid=input" alt="Kjøp">
<img src="\\\\bat.bing.com/action/0?ti=backslash" alt="">
</body></html>`
  const HOSTS = [
    'www.googletagmanager.com',
    'www.facebook.com',
    'www.youtube.com',
    'px.ads.linkedin.com',
    'bat.bing.com',
  ]

  it('unmarked: Chromium fetches every one before any choice', async () => {
    const { site, sent } = await open(page)
    await expect.poll(() => new Set(sent.map((u) => new URL(u).hostname))).toEqual(new Set(HOSTS))
    expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(false)
    await site.close()
  })

  it('marked: nothing before a choice; after “accept all” each loads once', async () => {
    const r = markHtml(page)
    expect(r.changes).toHaveLength(5)
    const { site, sent } = await open(r.html)
    expect(sent).toEqual([])
    await site.page.evaluate(() => window.samtykke.acceptAll())
    await expect
      .poll(() => HOSTS.map((h) => sent.filter((u) => new URL(u).hostname == h).length))
      .toEqual([1, 1, 1, 1, 1])
    await expect.poll(() => site.page.evaluate(() => window.__ran ?? [])).toEqual(['gtag'])
    expect(site.errors).toEqual([])
    await site.close()
  })
})

describe(
  'the corpus page of classic plugins (ga.js, the Facebook SDK with a JSON-escaped URL, Pinterest widgets), in ' +
    'Chromium',
  () => {
    // Set up and marked in one step, as `samtykke mark --config --script` does.
    const plugins = corpus()['plugins.html']
    const setUp = (html: string) =>
      markHtml(html, { setup: { config: { revision: 1 }, script: '/samtykke/samtykke.js' } })

    it('set up but not marked: the preload scanner reaches Pinterest before any choice', async () => {
      const { site, sent } = await open(
        setUp(plugins).html.replace(/ data-category="\w+"| type="text\/plain"|data-(?=src=)/g, ''),
      )
      await expect.poll(() => sent.some((u) => new URL(u).hostname == 'assets.pinterest.com')).toBe(true)
      await site.close()
    })

    it(
      'marked: nothing before a choice; after “accept all” ga.js, the SDK and the widgets load once, ' +
        'the <noscript> pixel never',
      async () => {
        const r = setUp(plugins)
        expect(r.setup).toEqual(['config block and samtykke.js added first in <head>'])
        const { site, sent } = await open(r.html)
        // (The page's own files are on its own site, strikkeklubben.example: not a tracker.)
        expect(sent.filter((u) => new URL(u).hostname != 'strikkeklubben.example')).toEqual([])
        expect(await site.page.evaluate(() => window.__ran ?? [])).toEqual([])
        await site.page.evaluate(() => window.samtykke.acceptAll())
        const count = (part: string) => sent.filter((u) => u.includes(part)).length
        await expect
          .poll(() =>
            [
              'ssl.google-analytics.com/ga.js',
              'connect.facebook.net/nb_NO/all.js',
              'assets.pinterest.com/js/pinit.js',
              'assets.pinterest.com/images/pidgets/',
              'widgets.pinterest.com/v3/',
            ].map(count),
          )
          .toEqual([1, 1, 1, 1, 1])
        // The SDK's init function waited with it: it is there once the snippet ran.
        expect(await site.page.evaluate(() => typeof (window as { fbAsyncInit?: unknown }).fbAsyncInit)).toBe(
          'function',
        )
        expect(count('log.pinterest.com')).toBe(0)
        expect(site.errors).toEqual([])
        await site.close()
      },
    )
  },
)
