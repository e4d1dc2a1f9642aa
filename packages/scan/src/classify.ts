// Names each finding: the tracker list of @samtykke/core first (the one the blocker uses), then the Open Cookie
// Database for cookie and storage names. Every match says where it came from; what neither knows stays unknown.
import {
  OUTBOX_COOKIE,
  OUTBOX_KEY,
  TRACKERS,
  TRACKER_COOKIES,
  matchTracker,
  nameMatch,
  resolveConfig,
} from '@samtykke/core'
import { getDomain } from 'tldts'
import { lookupOcd, OCD_CATEGORY } from './ocd'
import { CONSENT_COOKIES, googleTag, vendorForCookie, vendorForHost, type Vendor } from './vendors'

export interface Classification {
  /** `necessary`, `preferences`, `analytics`, `marketing`; null when unknown. */
  category: string | null
  /** The service, when known: `Google Analytics`. */
  vendor: string | null
  /**
   * Where the category comes from: `samtykke tracker list: *.google-analytics.com/`, `Open Cookie Database: _ga (Google
   * Analytics)`.
   */
  source: string | null
}

const UNKNOWN: Classification = { category: null, vendor: null, source: null }

/** The consent cookie's name on a site whose config does not rename it (`cookie.name`). */
export const DEFAULT_CONSENT_COOKIE = resolveConfig({}).cookie.name

/**
 * What a name is to samtykke itself, when it is one of its own: the consent cookie (under the site's name for it),
 * and the receipt outbox's cookie and localStorage key, there while a receipt waits for the consent log. All three
 * are strictly necessary: they hold the visitor's choice and its proof.
 */
export function samtykkeOwn(name: string, consentCookie = DEFAULT_CONSENT_COOKIE): string | null {
  if (name == consentCookie) return 'the consent cookie'
  if (name == OUTBOX_COOKIE) return 'says a consent receipt waits to be sent to the consent log'
  if (name == OUTBOX_KEY) return 'consent receipts waiting to be sent to the consent log'
  return null
}

/** The registrable site of a host, by the Public Suffix List (`www.example.co.uk` → `example.co.uk`). */
export const siteOf = (host: string) =>
  getDomain(host.replace(/^\./, ''), { allowPrivateDomains: true }) ?? host.replace(/^\./, '')

export const sameSite = (a: string, b: string) => siteOf(a) == siteOf(b)

/** The core list's rule for a URL (first match wins, as in the blocker), with its vendor. */
export function trackerRule(
  url: string,
): { pattern: string; category: string; vendor?: Vendor; note?: string } | undefined {
  const tag = googleTag(url)
  if (tag?.categoryOf) {
    const rule = trackerRule(tag.categoryOf)
    return rule && { ...rule, vendor: tag.vendor, note: `gtag.js for a ${tag.vendor.service} id` }
  }
  const category = matchTracker(url)
  if (!category) return
  const rule = TRACKERS.find((t) => matchTracker(url, [{ pattern: t.pattern, category: '\0hit' }]) == '\0hit')
  if (!rule) return
  return { pattern: rule.pattern, category, vendor: tag?.vendor ?? vendorForHost(rule.pattern) }
}

export function classifyRequest(url: string): Classification {
  const rule = trackerRule(url)
  if (!rule) return UNKNOWN
  return {
    category: rule.category,
    vendor: rule.vendor?.service ?? null,
    source: `samtykke tracker list: ${rule.pattern}${rule.note ? ` (${rule.note})` : ''}`,
  }
}

/**
 * A cookie or storage key by name (and, for a third-party cookie, the domain it belongs to). `consentCookie` is the
 * site's samtykke cookie name, strictly necessary.
 */
export function classifyName(
  name: string,
  { domain = '', thirdParty = false, consentCookie = DEFAULT_CONSENT_COOKIE } = {},
): Classification {
  const own = samtykkeOwn(name, consentCookie)
  if (own) return { category: 'necessary', vendor: 'samtykke', source: `samtykke: ${own}` }
  const tool = CONSENT_COOKIES.find((c) => c.name == name)
  if (tool)
    return {
      category: 'necessary',
      vendor: tool.tool,
      source: `consent tool: ${tool.tool} keeps the visitor's choice in ${name}`,
    }
  for (const [category, patterns] of Object.entries(TRACKER_COOKIES)) {
    const pattern = patterns.find((p) => nameMatch(name, p))
    if (pattern)
      return {
        category,
        vendor: vendorForCookie(pattern)?.service ?? null,
        source: `samtykke tracker list: cookie ${pattern}`,
      }
  }
  if (thirdParty && domain) {
    const byHost = classifyRequest(`https://${domain.replace(/^\./, '')}/`)
    if (byHost.category) return { ...byHost, source: `${byHost.source} (the cookie's domain)` }
  }
  const known = lookupOcd(name, domain)
  if (known && OCD_CATEGORY[known.category])
    return {
      category: OCD_CATEGORY[known.category],
      vendor: known.platform || null,
      source:
        `Open Cookie Database: ${known.name}${known.wildcard ? '*' : ''} ` +
        `(${known.platform}, ${known.category}, id ${known.id})`,
    }
  return UNKNOWN
}

/** A URL with the values of its query left out (the keys stay): what was sent, without the visitor's data. */
export function stripQuery(url: string): string {
  try {
    const parsed = new URL(url)
    const keys = [...new Set(parsed.searchParams.keys())]
    parsed.hash = ''
    parsed.search = keys.length ? '?' + keys.map((k) => encodeURIComponent(k) + '=').join('&') : ''
    return parsed.href
  } catch {
    return url.split('?')[0]
  }
}
