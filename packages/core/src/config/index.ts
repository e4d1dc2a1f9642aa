import type { CategoryConfig, ResolvedConfig, SamtykkeConfig } from './types'
import { PREFIX, badField, unknownField, warn } from '../errors'

/** The default categories, in display order. */
export const DEFAULT_ORDER = ['necessary', 'preferences', 'analytics', 'marketing']

// Every option and the types it takes: s string, n number, b boolean, o object, a array.
// One table drives both the "unknown option" warning and the type check, so it stays small.
const TYPES: Record<string, string> = {
  revision: 'sn', categories: 'o', cookie: 'o', receiptUrl: 's', gpc: 'b', autoBlock: 'b', trackers: 'a',
  consentMode: 'ob', reloadOnWithdraw: 'b', lang: 's', texts: 'o', privacyPolicyUrl: 's', controller: 'o',
  floatingButton: 'b', modal: 'b', nonce: 's', position: 's',
}
const kind = (v: unknown) => (Array.isArray(v) ? 'a' : v === null ? '-' : (typeof v)[0])

function fail(field: string, expected: string | string[], got: unknown): never {
  throw new TypeError(PREFIX + badField(field, expected, got))
}
const need = (ok: unknown, field: string, expected: string | string[], got: unknown) => ok || fail(field, expected, got)

/**
 * Validates a site's config and fills in the defaults. Throws a `TypeError` naming the first bad field
 * (a wrong value could change what is blocked); warns about options it does not know.
 */
export function resolveConfig(input: SamtykkeConfig = {}): ResolvedConfig {
  need(kind(input) == 'o', '', 'o', input)
  for (const key in input) {
    const v = input[key as keyof SamtykkeConfig]
    if (!TYPES[key]) warn(unknownField(key))
    else if (v != null) need(TYPES[key].includes(kind(v)), key, TYPES[key], v)
  }
  const revision = String(input.revision ?? 1)
  need(/^[\w.-]{1,16}$/.test(revision), 'revision', 'revision', revision)
  need(!input.lang || /^(nb|nn|en)$/.test(input.lang), 'lang', 'lang', input.lang)

  const given = input.categories ?? {}
  const order: string[] = []
  const categories: Record<string, CategoryConfig> = {}
  for (const name of new Set([...DEFAULT_ORDER, ...Object.keys(given)])) {
    const c = given[name]
    const field = 'categories.' + name
    need(/^[a-z][\w-]{0,23}$/.test(name), field, 'categoryName', name)
    need(c !== false || name != 'necessary', field, 'necessary', c)
    if (c === false) continue
    need(c == null || kind(c) == 'o', field, 'category', c)
    // The blocker deletes these cookies on withdrawal and the UI lists them: every entry needs a name.
    need(
      !c?.services || (Array.isArray(c.services) && c.services.every((s) => typeof s?.name == 'string' && (!s.cookies || (Array.isArray(s.cookies) && s.cookies.every((k) => typeof k?.name == 'string' && k.name))))),
      field + '.services',
      'services',
      JSON.stringify(c?.services),
    )
    order.push(name)
    categories[name] = c ?? {}
  }

  const { name = 'samtykke', domain, days = 182, renew = true } = input.cookie ?? {}
  need(/^[\w-]{1,32}$/.test(name), 'cookie.name', 'cookieName', name)
  need(!domain || /^\.?[a-z\d-]+(\.[a-z\d-]+)+$/i.test(domain), 'cookie.domain', 'cookieDomain', domain)
  need(typeof days == 'number' && days >= 1 && days <= 395, 'cookie.days', 'cookieDays', days)
  need(typeof renew == 'boolean', 'cookie.renew', 'b', renew)
  input.trackers?.forEach((t, i) => {
    need(typeof t?.pattern == 'string' && t.pattern, `trackers[${i}].pattern`, 'pattern', t?.pattern)
    need(order.includes(t.category), `trackers[${i}].category`, order, t.category)
  })

  return { ...input, revision, order, categories, cookie: { name, domain: domain?.replace(/^\./, ''), days, renew } }
}
