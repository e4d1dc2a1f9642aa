// The sites a log serves: which origins may send receipts, which categories each has, and what its banner showed.
import { createHash } from 'node:crypto'
import { DEFAULT_DAYS, resolveConfig, type RenewConfig, type SamtykkeConfig, type Text } from '@samtykke/core'

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

const LANGS = ['nb', 'nn', 'en'] as const
const pick = (t: Text | undefined, lang: string, fallback: string): string | undefined =>
  t === undefined
    ? undefined
    : typeof t == 'string'
      ? t
      : ((t as Record<string, string>)[lang] ?? (t as Record<string, string>)[fallback])

/** Stable JSON: keys sorted, so the same content always hashes the same. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']'
  if (v && typeof v == 'object')
    return (
      '{' +
      Object.keys(v)
        .sort()
        .filter((k) => (v as any)[k] !== undefined)
        .map((k) => JSON.stringify(k) + ':' + canonical((v as any)[k]))
        .join(',') +
      '}'
    )
  return JSON.stringify(v)
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

export function normaliseOrigin(origin: string): string {
  let u: URL
  try {
    u = new URL(origin)
  } catch {
    throw new Error(
      `samtykke serve: site origin ${JSON.stringify(origin)} is not a URL; give it as https://www.example.no`,
    )
  }
  if (u.protocol != 'https:' && u.protocol != 'http:')
    throw new Error(`samtykke serve: site origin ${origin} must be http(s)`)
  return u.origin
}

export function makeSite({ origin, config }: SiteOptions): Site {
  const o = normaliseOrigin(origin)
  if (!config) return { origin: o, renewal: { cookie: resolveConfig({}).cookie }, days: DEFAULT_DAYS, snapshots: [] }
  const resolved = resolveConfig(config)
  if (typeof resolved == 'string') throw new Error(`samtykke serve: the config of ${o}: ${resolved}`)
  // One snapshot per language the texts are given in (a text given once counts for the site's language).
  const multi = JSON.stringify(config).match(/"(nb|nn|en)":/) != null
  const langs = multi ? LANGS : [config.lang ?? 'nb']
  const snapshots = langs.map((lang) => {
    const fallback = config.lang ?? 'nb'
    const content = {
      revision: resolved.revision,
      lang,
      controller: config.controller,
      privacyPolicyUrl: config.privacyPolicyUrl,
      texts: config.texts?.[lang],
      categories: resolved.order.map((name) => {
        const c = resolved.categories[name]
        return {
          name,
          label: pick(c.label, lang, fallback),
          description: pick(c.description, lang, fallback),
          reason: pick(c.reason, lang, fallback),
          services: c.services?.map((s) => ({
            name: s.name,
            provider: s.provider,
            purpose: pick(s.purpose, lang, fallback),
            policyUrl: s.policyUrl,
            cookies: s.cookies?.map((k) => ({
              name: k.name,
              provider: k.provider,
              type: k.type,
              purpose: pick(k.purpose, lang, fallback),
              lifetime: pick(k.lifetime, lang, fallback),
            })),
          })),
        }
      }),
      cookieDays: resolved.cookie.days,
      gpc: resolved.gpc !== false,
    }
    return { site: o, revision: resolved.revision, lang, hash: sha256(canonical(content)), content }
  })
  const renewal = { cookie: resolved.cookie, order: resolved.order }
  return {
    origin: o,
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
  const m = /<script[^>]*id=["']samtykke-config["'][^>]*>([\s\S]*?)<\/script>/i.exec(text)
  const json = m ? m[1] : text
  try {
    return JSON.parse(json)
  } catch (e) {
    throw new Error(
      `samtykke serve: ${file} is not a samtykke config (JSON, or an HTML page with <script ` +
        `id="samtykke-config">): ${(e as Error).message}`,
    )
  }
}

const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/

/** Which origins may send: the configured sites, or (no site configured) any loopback page, for trying it out. */
export function originPolicy(sites: Site[]) {
  const byOrigin = new Map(sites.map((s) => [s.origin, s]))
  return {
    allowed: (origin: string) => (sites.length ? byOrigin.has(origin) : LOOPBACK.test(origin)),
    site: (origin: string): Site | undefined => byOrigin.get(origin),
  }
}
