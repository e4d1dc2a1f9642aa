// Which pages of a site the scan visits: same-site http(s) pages, one URL per page, and the sitemap's.
import type { Page } from 'playwright-core'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { siteOf } from './classify'
import { msg, ScanError } from './errors'

const FILES = 'pdf|zip|gz|png|jpe?g|gif|svg|webp|avif|ico|css|js|mjs|json|xml|txt|mp4|webm|mp3|wav|docx?|xlsx?|pptx?'
const SKIP_EXT = new RegExp(`\\.(${FILES}|woff2?|ttf|eot)$`, 'i')

/** Same site, http(s), a page (not a file), without its fragment. */
export function pageUrl(href: string, site: string): string | null {
  try {
    const u = new URL(href)
    if (!/^https?:$/.test(u.protocol) || siteOf(u.hostname) != site || SKIP_EXT.test(u.pathname)) return null
    u.hash = ''
    return u.href
  } catch {
    return null
  }
}

/** A folder's index page has two URLs, `/` and `/index.html` (or `.htm`): the crawl visits it once. */
export const onePage = (url: string) => url.replace(/\/index\.html?(?=$|\?)/i, '/')

/** The page URLs in a sitemap (or the sitemaps of a sitemap index); throws on XML that is not a sitemap. */
export function parseSitemap(xml: string): { urls: string[]; sitemaps: string[] } {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new Error(`${valid.err.msg} at line ${valid.err.line}`)
  const doc = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    isArray: (name) => name == 'url' || name == 'sitemap',
  }).parse(xml)
  const locs = (list: unknown) =>
    ((list as { loc?: unknown }[]) ?? []).map((e) => String(e?.loc ?? '').trim()).filter(Boolean)
  if (doc.urlset !== undefined) return { urls: locs(doc.urlset?.url), sitemaps: [] }
  if (doc.sitemapindex !== undefined) return { urls: [], sitemaps: locs(doc.sitemapindex?.sitemap) }
  throw new Error('no <urlset> or <sitemapindex> element')
}

/** The sitemap's page URLs (sitemap.xml at the site's root; one level of sitemap index), same site only. */
export async function sitemapUrls(page: Page, start: URL, site: string): Promise<string[]> {
  const get = (url: string) =>
    page.evaluate(async (u) => {
      try {
        const r = await fetch(u, { credentials: 'omit', redirect: 'follow' })
        return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() }
      } catch {
        return { status: 0, type: '', text: '' }
      }
    }, url)
  const read = async (url: string) => {
    const r = await get(url)
    if (r.status != 200 || /html/i.test(r.type) || !r.text.trim()) return null
    try {
      return parseSitemap(r.text)
    } catch (e) {
      throw new ScanError(msg.badSitemap(url, (e as Error).message))
    }
  }
  const root = await read(new URL('/sitemap.xml', start).href)
  if (!root) return []
  const urls = [...root.urls]
  for (const s of root.sitemaps.slice(0, 10))
    if (pageUrl(s, site) || s.endsWith('.xml')) urls.push(...((await read(s))?.urls ?? []))
  return urls.map((u) => pageUrl(u, site)).filter((u): u is string => !!u)
}
