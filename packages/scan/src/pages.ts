// Which pages of a site the scan visits: same-site http(s) pages, one URL per page, and the sitemap's.
import type { Page } from 'playwright-core'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { siteOf } from './classify'
import { msg, ScanError } from './errors'

const SKIP_EXT = new RegExp(
  '\\.(pdf|zip|gz|png|jpe?g|gif|svg|webp|avif|ico|css|js|mjs|json|xml|txt|' +
    'mp4|webm|mp3|wav|docx?|xlsx?|pptx?|woff2?|ttf|eot)$',
  'i',
)

/** Same site, http(s), a page (not a file), without its fragment. */
export function pageUrl(href: string, site: string): string | null {
  try {
    const parsed = new URL(href)
    if (!/^https?:$/.test(parsed.protocol) || siteOf(parsed.hostname) != site || SKIP_EXT.test(parsed.pathname))
      return null
    parsed.hash = ''
    return parsed.href
  } catch {
    return null
  }
}

/** A folder's index page has two URLs, `/` and `/index.html` (or `.htm`): the crawl visits it once. */
export const onePage = (url: string) => url.replace(/\/index\.html?(?=$|\?)/i, '/')

/**
 * The page URLs in a sitemap (or the sitemaps of a sitemap index); a ScanError (BAD_SITEMAP) for XML that is not one.
 */
export function parseSitemap(xml: string): { urls: string[]; sitemaps: string[] } {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new ScanError('BAD_SITEMAP', msg.notXml(valid.err.msg, valid.err.line))
  const doc = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    isArray: (name) => name == 'url' || name == 'sitemap',
  }).parse(xml)
  const locs = (list: unknown) =>
    ((list as { loc?: unknown }[]) ?? []).map((e) => String(e?.loc ?? '').trim()).filter(Boolean)
  if (doc.urlset !== undefined) return { urls: locs(doc.urlset?.url), sitemaps: [] }
  if (doc.sitemapindex !== undefined) return { urls: [], sitemaps: locs(doc.sitemapindex?.sitemap) }
  throw new ScanError('BAD_SITEMAP', msg.notSitemap())
}

/** The sitemap's page URLs (sitemap.xml at the site's root; one level of sitemap index), same site only. */
export async function sitemapUrls(page: Page, start: URL, site: string): Promise<string[]> {
  const get = (url: string) =>
    page.evaluate(async (target) => {
      try {
        const res = await fetch(target, { credentials: 'omit', redirect: 'follow' })
        return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() }
      } catch {
        return { status: 0, type: '', text: '' }
      }
    }, url)
  const read = async (url: string) => {
    const res = await get(url)
    if (res.status != 200 || /html/i.test(res.type) || !res.text.trim()) return null
    try {
      return parseSitemap(res.text)
    } catch (error) {
      throw new ScanError('BAD_SITEMAP', msg.badSitemap(url, (error as Error).message), { cause: error })
    }
  }
  const root = await read(new URL('/sitemap.xml', start).href)
  if (!root) return []
  const urls = [...root.urls]
  for (const sitemap of root.sitemaps.slice(0, 10))
    if (pageUrl(sitemap, site) || sitemap.endsWith('.xml')) urls.push(...((await read(sitemap))?.urls ?? []))
  return urls.map((u) => pageUrl(u, site)).filter((u): u is string => !!u)
}
