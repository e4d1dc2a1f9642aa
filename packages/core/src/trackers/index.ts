// The built-in tracker list: which third-party hosts and paths wait for which category.
// Sources: the vendors' own documentation and captures of their tags' requests. It ships to every visitor,
// so it is one string, read once when the module loads (pure code, no DOM).
import type { TrackerRule } from '../config/types'

/** Bump when the list changes: sites and bug reports can name the list they ran. */
export const TRACKERS_VERSION = '2026.12.1'

/** One built-in rule: requests to `pattern` wait for `category`. */
export type Tracker = TrackerRule

// A category's name, then its patterns (each has a `/`, a name has none). Pattern: `host/path-prefix`; `*.x.com` =
// x.com and any subdomain; `www.google.*` = any Google country domain; a trailing `/` = the whole host. First match
// wins, so the narrow analytics hosts on doubleclick.net come before marketing's `*.doubleclick.net/`.
// The Google Tag Manager container (www.googletagmanager.com/gtm.js) counts as analytics: a site whose container
// also loads ads tags should mark it, or add `{ pattern: 'www.googletagmanager.com/', category: 'marketing' }`.
const LIST =
  'analytics www.googletagmanager.com/ *.google-analytics.com/ *.analytics.google.com/ stats.g.doubleclick.net/ ' +
  '*.clarity.ms/ *.hotjar.com/ *.hotjar.io/ *.matomo.cloud/ player.vimeo.com/ ' +
  'preferences maps.googleapis.com/ maps.gstatic.com/ maps.google.*/ www.google.*/maps ' +
  'marketing *.doubleclick.net/ *.googleadservices.com/ *.googlesyndication.com/ www.google.*/pagead/ ' +
  'www.google.*/ads/ *.facebook.net/ *.facebook.com/ snap.licdn.com/ *.ads.linkedin.com/ *.tiktok.com/ ' +
  '*.sc-static.net/ tr.snapchat.com/ bat.bing.com/ s.pinimg.com/ct/ *.pinterest.com/ static.ads-twitter.com/ ' +
  'analytics.twitter.com/ t.co/1/i/ t.co/i/ *.youtube.com/ *.youtube-nocookie.com/ *.ytimg.com/'

let category: string
export const TRACKERS: Tracker[] = LIST.split(' ').flatMap((pattern) =>
  /\//.test(pattern) ? { pattern, category } : ((category = pattern), []),
)

/**
 * The registrable site, approximated: the last two labels (`innfram.no`), or three under a country's generic second
 * level (`example.co.uk`, `example.com.au`). Enough to tell a site from the tracker hosts above: without the second
 * case, a site on `.co.uk` would count `www.google.co.uk` as its own.
 */
export const siteOf = (host: string) =>
  host
    .split('.')
    .slice(/\.(com?|net|org|gov|edu|ac|or|ne|go)\.[a-z]{2}$/.test(host) ? -3 : -2)
    .join('.')

/**
 * The category a URL waits for, or undefined when it is no known tracker. `extra` rules (the site's `trackers`) are
 * checked first. Relative and first-party URLs (same site as the page) are never matched.
 */
export function matchTracker(url: string | URL, extra: TrackerRule[] = []): string | undefined {
  const g = globalThis as { document?: Document; location?: Location }
  let u: URL
  try {
    u = new URL(url, g.document?.baseURI)
  } catch {
    return
  }
  // A trailing dot names the same host (`www.googletagmanager.com.`).
  const host = u.hostname.replace(/\.$/, ''),
    // The host as a `.*` pattern names Google's country domains: www.google.co.uk → www.google.*
    any = host.replace(/\.(com?\.)?[a-z]{2,3}$/, '.*')
  if (/^https?:$/.test(u.protocol) && !(g.location && siteOf(host) == siteOf(g.location.hostname)))
    return extra.concat(TRACKERS).find(({ pattern: p }) => {
      const i = (p + '/').indexOf('/'),
        h = p.slice(0, i)
      return (
        (h[0] == '*' ? ('.' + host).endsWith(h.slice(1)) : host == h || any == h) &&
        u.pathname.startsWith(p.slice(i) || '/')
      )
    })?.category
}
