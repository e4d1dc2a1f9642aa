// Which category a URL waits for: the core's tracker list (plus the site's `trackers`), as the runtime blocker reads
// it, with one refinement for Google Ads. Every step is linear in the URL's length: URLs come from pages, and a
// crafted one can be a megabyte long.
import { matchTracker, type TrackerRule } from '@samtykke/core'
import { ADS_URL } from './snippets'

/**
 * The page's own address, as far as the marker knows it: relative URLs resolve here and are never a tracker.
 * Resolving (rather than parsing alone) reads every URL as the browser does: `//host`, `\\host`, a tab or a line
 * break inside the scheme or the host, with no exception to pay for a relative URL.
 */
const BASE = 'https://samtykke-mark.invalid/'
const OWN = new URL(BASE).origin

function resolve(url: string): URL | undefined {
  try {
    return new URL(url, BASE)
  } catch {
    return undefined
  }
}

/**
 * Whether `u` is gtag.js loaded for a Google Ads or Floodlight id (`gtag/js?id=AW-…`, `DC-…`). Read with the URL
 * parser, not a regular expression: an unanchored `(.*&)?id=` took 24 s on a crafted 0.9 MB URL.
 */
export function isAdsGtag(parsed: URL): boolean {
  if (!/^https?:$/.test(parsed.protocol) || parsed.pathname != '/gtag/js') return false
  const host = parsed.hostname.replace(/\.$/, '')
  if (host != 'googletagmanager.com' && !host.endsWith('.googletagmanager.com')) return false
  return parsed.searchParams.getAll('id').some((id) => id.startsWith('AW-') || id.startsWith('DC-'))
}

/**
 * The category function for a page: `url` → the category it waits for, or undefined when it may load (no tracker,
 * or `necessary`). A tracker whose category the site does not have waits for `marketing`, as in the runtime.
 */
export function categoryOf(order: string[], extra: TrackerRule[]): (url: string) => string | undefined {
  return (url) => {
    const resolved = resolve(url)
    if (!resolved || resolved.origin == OWN) return undefined
    let href = resolved.href
    // gtag.js for a Google Ads or Floodlight id is an ads tag: it waits for Google Ads' category (the core list
    // matches hosts and paths, so it counts every gtag.js as analytics). Stricter than the runtime, never looser;
    // a site's own rule for the host comes first.
    if (isAdsGtag(resolved) && !extra.some((r) => href.includes(r.pattern.split('/')[0]))) href = ADS_URL
    let found = matchTracker(href, extra)
    if (found == 'necessary') return undefined
    if (found && !order.includes(found)) found = 'marketing'
    return found
  }
}
