// The sites a log serves: which origins may send receipts, which categories each has, and what its banner showed.
import { createHash } from 'node:crypto'
import {
  DEFAULT_DAYS,
  LANGS,
  resolveConfig,
  textIn,
  type RenewConfig,
  type SamtykkeConfig,
  type Text,
} from '@samtykke/core'
import { badSiteConfig, notAConfig, originNotHttp, originNotUrl, ServeError } from '../errors'

export interface SiteOptions {
  /** The site's origin, as the browser sends it: `https://www.example.no`. */
  origin: string
  /**
   * The site's samtykke config (the JSON in its `<script id="samtykke-config">`). With it, receipts naming another
   * category are refused, and the log keeps a snapshot of what the banner showed for each revision and language.
   */
  config?: SamtykkeConfig
}

export interface Site {
  origin: string
  /** The site's samtykke config, as given. */
  config?: SamtykkeConfig
  /**
   * What the consent cookie's renewal (core's renewCookie) reads of the config, resolved once: its cookie, and its
   * categories when the config is given (without one, the default cookie and any category).
   */
  renewal: RenewConfig
  categories?: string[]
  revision?: string
  /** Consent lifetime in days (the config's cookie.days). */
  days: number
  snapshots: Snapshot[]
}

/** What the visitor was shown, for one site, revision and language. No personal data: system documentation. */
export interface Snapshot {
  site: string
  revision: string
  lang: string
  hash: string
  content: Record<string, unknown>
}

/** A config text as the banner shows it in `lang` (the core's rule, the one the UI follows). */
const pick = (text: Text | undefined, lang: string): string | undefined =>
  text === undefined ? undefined : textIn(lang)(text) || undefined

/** Stable JSON: keys sorted, so the same content always hashes the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']'
  if (value && typeof value == 'object') {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
    return '{' + keys.map((key) => JSON.stringify(key) + ':' + canonical(record[key])).join(',') + '}'
  }
  return JSON.stringify(value)
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export function normaliseOrigin(origin: string): string {
  let url: URL
  try {
    url = new URL(origin)
  } catch (error) {
    throw new ServeError('BAD_SITE', originNotUrl(origin), { cause: error })
  }
  if (url.protocol != 'https:' && url.protocol != 'http:') throw new ServeError('BAD_SITE', originNotHttp(origin))
  return url.origin
}

/** The site as the log serves it; a ServeError (BAD_SITE, BAD_CONFIG) when its origin or config is not one. */
export function makeSite({ origin, config }: SiteOptions): Site {
  const siteOrigin = normaliseOrigin(origin)
  if (!config)
    return { origin: siteOrigin, renewal: { cookie: resolveConfig({}).cookie }, days: DEFAULT_DAYS, snapshots: [] }
  let resolved
  try {
    // The drop-in's own check: its message names the field and the value.
    resolved = resolveConfig(config)
  } catch (error) {
    throw new ServeError('BAD_CONFIG', badSiteConfig(siteOrigin, (error as Error).message.replace(/^samtykke: /, '')), {
      cause: error,
    })
  }
  // One snapshot per language a receipt can name (core/src/config/lang.ts): samtykke's and those the site adds in
  // texts. The site's own language first: it stands for a receipt that names none.
  const langs = [...new Set([resolved.lang, ...LANGS, ...Object.keys(config.texts ?? {})])]
  const snapshots = langs.map((lang) => {
    const content = {
      revision: resolved.revision,
      lang,
      controller: config.controller,
      privacyPolicyUrl: config.privacyPolicyUrl,
      texts: config.texts?.[lang],
      categories: resolved.order.map((name) => {
        const category = resolved.categories[name]
        return {
          name,
          label: pick(category.label, lang),
          description: pick(category.description, lang),
          reason: pick(category.reason, lang),
          services: category.services?.map((service) => ({
            name: service.name,
            provider: service.provider,
            purpose: pick(service.purpose, lang),
            policyUrl: service.policyUrl,
            cookies: service.cookies?.map((cookie) => ({
              name: cookie.name,
              provider: cookie.provider,
              type: cookie.type,
              purpose: pick(cookie.purpose, lang),
              lifetime: pick(cookie.lifetime, lang),
            })),
          })),
        }
      }),
      cookieDays: resolved.cookie.days,
      gpc: resolved.gpc !== false,
    }
    return { site: siteOrigin, revision: resolved.revision, lang, hash: sha256(canonical(content)), content }
  })
  const renewal = { cookie: resolved.cookie, order: resolved.order }
  return {
    origin: siteOrigin,
    config,
    renewal,
    categories: resolved.order,
    revision: resolved.revision,
    days: resolved.cookie.days,
    snapshots,
  }
}

/** A site's config from a JSON file's text, or from an HTML page's `<script id="samtykke-config">`. */
export function configFromText(text: string, file: string): SamtykkeConfig {
  const block = /<script[^>]*id=["']samtykke-config["'][^>]*>([\s\S]*?)<\/script>/i.exec(text)
  const json = block ? block[1] : text
  try {
    return JSON.parse(json)
  } catch (error) {
    throw new ServeError('BAD_CONFIG', notAConfig(file, (error as Error).message), { cause: error })
  }
}

const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/

/** Which origins may send: the configured sites, or (no site configured) any loopback page, for trying it out. */
export function originPolicy(sites: Site[]) {
  const byOrigin = new Map(sites.map((site) => [site.origin, site]))
  return {
    allowed: (origin: string) => (sites.length ? byOrigin.has(origin) : LOOPBACK.test(origin)),
    site: (origin: string): Site | undefined => byOrigin.get(origin),
  }
}
