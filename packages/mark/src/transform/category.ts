// Which category a URL waits for: the core's tracker list (plus the site's `trackers`), as the runtime blocker reads
// it, with one refinement for Google Ads. Every step is linear in the URL's length: URLs come from pages, and a
// crafted one can be a megabyte long.
import { matchTracker, type TrackerRule } from '@samtykke/core'
import { ADS_URL } from './snippets'

/** An absolute URL for `url` (a protocol-relative one gets `https:`), or undefined when it is none. */
function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url.startsWith('//') ? 'https:' + url : url)
  } catch {
    return undefined
  }
}

/**
 * Whether `url` is gtag.js loaded for a Google Ads or Floodlight id (`gtag/js?id=AW-…`, `DC-…`). Read with the URL
 * parser, not a regular expression: an unanchored `(.*&)?id=` took 24 s on a crafted 0.9 MB URL.
 */
export function isAdsGtag(url: string): boolean {
  const u = parseUrl(url)
  if (!u || !/^https?:$/.test(u.protocol) || u.pathname != '/gtag/js') return false
  const host = u.hostname.replace(/\.$/, '')
  if (host != 'googletagmanager.com' && !host.endsWith('.googletagmanager.com')) return false
  return u.searchParams.getAll('id').some((id) => id.startsWith('AW-') || id.startsWith('DC-'))
}

/**
 * The category function for a page: `url` → the category it waits for, or undefined when it may load (no tracker,
 * or `necessary`). A tracker whose category the site does not have waits for `marketing`, as in the runtime.
 */
export function categoryOf(order: string[], extra: TrackerRule[]): (url: string) => string | undefined {
  return (url) => {
    url = url.trim()
    // gtag.js for a Google Ads or Floodlight id is an ads tag: it waits for Google Ads' category (the core list
    // matches hosts and paths, so it counts every gtag.js as analytics). Stricter than the runtime, never looser;
    // a site's own rule for the host comes first.
    if (isAdsGtag(url) && !extra.some((r) => url.includes(r.pattern.split('/')[0]))) url = ADS_URL
    let c = matchTracker(url.startsWith('//') ? 'https:' + url : url, extra)
    if (c == 'necessary') return undefined
    if (c && !order.includes(c)) c = 'marketing'
    return c
  }
}
