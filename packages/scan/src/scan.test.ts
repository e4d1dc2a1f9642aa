import { describe, expect, it } from 'vitest'
import { findBrowser } from './browser'
import { initiatorOf, scriptOf } from './attribution'
import { pageUrl, parseSitemap } from './pages'
import { lifetimeOf } from './recorder'
import { scan, ScanError } from './index'

describe('attribution', () => {
  it('takes the first script on a write’s stack, and calls the page’s own an inline script', () => {
    const stack = `Error
    at HTMLDocument.set (<anonymous>:4:60)
    at https://connect.facebook.net/en_US/fbevents.js:3:5
    at https://www.shop.test/app.js:1:1`
    expect(scriptOf(stack, 'https://www.shop.test/')).toBe('https://connect.facebook.net/en_US/fbevents.js:3')
    expect(
      scriptOf('Error\n    at set (<anonymous>:1:1)\n    at https://www.shop.test/:12:3', 'https://www.shop.test/'),
    ).toBe('inline script in https://www.shop.test/ line 12')
    expect(scriptOf('Error\n    at set (<anonymous>:1:1)')).toBeNull()
  })

  it('reads Chromium’s request initiator: the script on the stack, else the tag in the HTML', () => {
    expect(
      initiatorOf({ type: 'script', stack: { callFrames: [{ url: 'https://x.test/a.js', lineNumber: 9 }] } }, 'image'),
    ).toBe('https://x.test/a.js:10')
    expect(initiatorOf({ type: 'parser', url: 'https://www.shop.test/', lineNumber: 4 }, 'image')).toBe(
      '<img> in https://www.shop.test/ line 5',
    )
    expect(
      initiatorOf(
        {
          type: 'script',
          stack: { callFrames: [], parent: { callFrames: [{ url: 'https://y.test/b.js', lineNumber: 0 }] } },
        },
        'fetch',
      ),
    ).toBe('https://y.test/b.js:1')
    expect(initiatorOf(undefined, 'script')).toBeNull()
  })

  it('looks past the consent tool’s own script, which wraps sendBeacon and re-inserts the tags it held', () => {
    const frames = [
      { url: 'https://www.shop.test/samtykke/samtykke.js', lineNumber: 1 },
      { url: 'https://www.googletagmanager.com/gtag/js?id=G-1', lineNumber: 40 },
    ]
    expect(initiatorOf({ type: 'script', stack: { callFrames: frames } }, 'beacon')).toBe(
      'https://www.googletagmanager.com/gtag/js?id=G-1:41',
    )
    expect(initiatorOf({ type: 'script', stack: { callFrames: frames.slice(0, 1) } }, 'script')).toBe(
      'https://www.shop.test/samtykke/samtykke.js:2',
    )
    expect(
      scriptOf(
        'Error\n    at x (https://www.shop.test/samtykke/samtykke.js:2:9)\n    at ' +
          'https://connect.facebook.net/en_US/fbevents.js:3:1',
      ),
    ).toBe('https://connect.facebook.net/en_US/fbevents.js:3')
  })
})

describe('crawling', () => {
  it('keeps same-site pages, without fragments, and skips files', () => {
    expect(pageUrl('https://shop.innfram.no/a#top', 'innfram.no')).toBe('https://shop.innfram.no/a')
    expect(pageUrl('https://www.facebook.com/innfram', 'innfram.no')).toBeNull()
    expect(pageUrl('https://innfram.no/brosjyre.pdf', 'innfram.no')).toBeNull()
    expect(pageUrl('mailto:post@innfram.no', 'innfram.no')).toBeNull()
  })

  it('reads a sitemap and a sitemap index, in document order', () => {
    const xml =
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>` +
      `https://a.test/2</loc></url><url><loc> https://a.test/1 </loc></url></urlset>`
    expect(parseSitemap(xml)).toEqual({ urls: ['https://a.test/2', 'https://a.test/1'], sitemaps: [] })
    expect(
      parseSitemap('<sitemapindex><sitemap><loc>https://a.test/s1.xml</loc></sitemap></sitemapindex>').sitemaps,
    ).toEqual(['https://a.test/s1.xml'])
  })

  it('says what is wrong with a malformed sitemap', () => {
    expect(() => parseSitemap('<urlset><url><loc>https://a.test/</loc></urlset>')).toThrow(/line 1/)
    expect(() => parseSitemap('<html><body>hei</body></html>')).toThrow('no <urlset> or <sitemapindex> element')
  })
})

describe('ScanError', () => {
  it('tells an API user what failed by its code, the message without the prefix', async () => {
    const caught = (thrower: () => unknown) => {
      try {
        thrower()
      } catch (error) {
        return error
      }
    }
    const notSitemap = caught(() => parseSitemap('<html><body>hei</body></html>'))
    expect(notSitemap).toBeInstanceOf(ScanError)
    expect(notSitemap).toMatchObject({
      name: 'ScanError',
      code: 'BAD_SITEMAP',
      message: 'no <urlset> or <sitemapindex> element',
    })
    expect(caught(() => parseSitemap('<urlset><url></urlset>'))).toMatchObject({ code: 'BAD_SITEMAP' })
    expect(caught(() => findBrowser('/nowhere/chrome'))).toMatchObject({
      code: 'NO_BROWSER',
      message: expect.stringMatching(/^no browser at \/nowhere\/chrome/),
    })
    // Checked before any browser starts.
    await expect(scan({ url: 'ftp://www.example.no/' })).rejects.toMatchObject({
      name: 'ScanError',
      code: 'BAD_OPTION',
    })
    await expect(scan({ url: 'https://www.example.no/', urls: ['https://www.other.test/'] })).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message: '--urls lists https://www.other.test/, which is not on the site example.no: scan one site at a time',
    })
  })
})

describe('lifetimes and the browser', () => {
  it('writes a cookie’s lifetime the way a declaration does', () => {
    const now = 1_800_000_000
    expect(lifetimeOf(-1, now)).toBe('Økt')
    expect(lifetimeOf(now + 86400 * 30, now)).toBe('30 dager')
    expect(lifetimeOf(now + 86400 * 182, now)).toBe('6 måneder')
    expect(lifetimeOf(now + 86400 * 730, now)).toBe('2 år')
  })

  it('says how to install Chromium when there is none', () => {
    expect(() => findBrowser(undefined, ['/nowhere/chromium'])).toThrow(/apt-get install chromium/)
    expect(() => findBrowser('/nowhere/chrome')).toThrow(/no browser at \/nowhere\/chrome/)
  })
})
