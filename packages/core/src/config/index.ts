import type { ResolvedConfig, SamtykkeConfig } from './types'
import { PREFIX, badField, unknownField, warn } from '../errors'
import { pickLang } from './lang'

/** The default categories, in display order. */
export const DEFAULT_ORDER = ['necessary', 'preferences', 'analytics', 'marketing']

// Every option and the types it takes: s string, n number, b boolean, o object, a array.
// One table drives both the "unknown option" warning and the type check, so it stays small.
const TYPES: Record<string, string> = {
  revision: 'sn',
  categories: 'o',
  cookie: 'o',
  receiptUrl: 's',
  gpc: 'b',
  autoBlock: 'b',
  trackers: 'a',
  consentMode: 'ob',
  gtmEvent: 'bs',
  reloadOnWithdraw: 'b',
  lang: 's',
  texts: 'o',
  privacyPolicyUrl: 's',
  controller: 'o',
  floatingButton: 'b',
  modal: 'b',
  nonce: 's',
  position: 's',
}
const kind = (v: unknown) => (Array.isArray(v) ? 'a' : v === null ? '-' : (typeof v)[0])

/** A day in milliseconds: lifetimes are counted in days from the decision time inside the record. */
export const DAY = 864e5
/** How long a choice lasts by default (`cookie.days`): six months, after CNIL and Garante practice. */
export const DEFAULT_DAYS = 182
/** The longest `cookie.days` may be: 13 months. */
export const MAX_DAYS = 395

// The rules, shared by resolveConfig (which names the first bad field) and validConfig (which only says yes or no).
// The public ones are the rules the consent log (packages/server), the marker and the record hold too: defined here
// only.
/** A policy revision: up to 16 letters, digits, `_`, `.` or `-`. */
export const REVISION = /^[\w.-]{1,16}$/
/**
 * A category name: a lowercase letter, then up to 23 letters (either case), digits, `_` or `-`: `analytics`,
 * `videoEmbeds`.
 */
export const CATEGORY_NAME = /^[a-z][\w-]{0,23}$/
/**
 * A service id (issue 19: `data-service`, the record's per-service part) is written where a category name is: the same
 * rule.
 */
export const SERVICE_ID: RegExp = CATEGORY_NAME
// A language tag: `sv`, `de-AT`, `nb_NO`, `zh-Hant-TW` (pickLang in ./lang reads it).
const LANG = /^[a-z]{2,3}([-_][a-z\d]{1,8})*$/i
const COOKIE_NAME = /^[\w-]{1,32}$/
const DOMAIN = /^\.?[a-z\d-]+(\.[a-z\d-]+)+$/i
const text = (re: RegExp, v: unknown) => typeof v == 'string' && re.test(v)
const typed = (key: string, v: unknown) => v == null || TYPES[key].includes(kind(v))
// The blocker deletes these cookies on withdrawal and the UI lists them: every entry needs a name.
const servicesOk = (list: any) =>
  !list ||
  (Array.isArray(list) &&
    list.every(
      (s) =>
        typeof s?.name == 'string' &&
        (!s.cookies || (Array.isArray(s.cookies) && s.cookies.every((k: any) => typeof k?.name == 'string' && k.name))),
    ))
const daysOk = (days: unknown) => typeof days == 'number' && days >= 1 && days <= MAX_DAYS
const categoryOk = (name: string, c: unknown) => (c === false ? name != 'necessary' : c == null || kind(c) == 'o')

/** The categories in display order: the defaults, then the site's own; those set to false dropped. */
const orderOf = (given: Record<string, unknown>) =>
  [...new Set([...DEFAULT_ORDER, ...Object.keys(given)])].filter((n) => given[n] !== false)

/**
 * The config with its defaults filled in, unchecked: call it with a config that passed one of the checks. The
 * language is the one the visitor will see (./lang.ts: the page's, where there is a page).
 */
export function withDefaults(input: SamtykkeConfig): ResolvedConfig {
  const given = input.categories ?? {}
  const order = orderOf(given)
  const { name = 'samtykke', domain, days = DEFAULT_DAYS, renew = true } = input.cookie ?? {}
  return {
    ...input,
    revision: String(input.revision ?? 1),
    lang: pickLang(input),
    order,
    categories: Object.fromEntries(order.map((n) => [n, given[n] || {}])),
    cookie: { name, domain: domain?.replace(/^\./, ''), days, renew },
  }
}

/**
 * Yes or no: would resolveConfig take `input`? The same rules without the messages, for the drop-in's head script,
 * which fetches the full check (and its message) only when this says no. Warns about options it does not know.
 */
export function validConfig(input: any): boolean {
  if (kind(input) != 'o') return false
  for (const key in input) if (TYPES[key] ? !typed(key, input[key]) : (warn(unknownField(key)), 0)) return false
  const given = input.categories ?? {}
  const { name = 'samtykke', domain, days = DEFAULT_DAYS, renew = true } = input.cookie ?? {}
  const order = orderOf(given)
  return (
    REVISION.test(String(input.revision ?? 1)) &&
    (!input.lang || LANG.test(input.lang)) &&
    Object.keys(given).every(
      (n) => CATEGORY_NAME.test(n) && categoryOk(n, given[n]) && servicesOk(given[n]?.services),
    ) &&
    text(COOKIE_NAME, name) &&
    (domain == null || text(DOMAIN, domain)) &&
    daysOk(days) &&
    typeof renew == 'boolean' &&
    (input.trackers ?? []).every((t: any) => typeof t?.pattern == 'string' && t.pattern && order.includes(t.category))
  )
}

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
    else need(typed(key, v), key, TYPES[key], v)
  }
  const revision = String(input.revision ?? 1)
  need(REVISION.test(revision), 'revision', 'revision', revision)
  need(!input.lang || LANG.test(input.lang), 'lang', 'lang', input.lang)
  const given = input.categories ?? {}
  for (const name of new Set([...DEFAULT_ORDER, ...Object.keys(given)])) {
    const c = given[name]
    const field = 'categories.' + name
    need(CATEGORY_NAME.test(name), field, 'categoryName', name)
    need(categoryOk(name, c), field, c === false ? 'necessary' : 'category', c)
    need(servicesOk(c && c.services), field + '.services', 'services', JSON.stringify(c && c.services))
  }
  const { name = 'samtykke', domain, days = DEFAULT_DAYS, renew = true } = input.cookie ?? {}
  need(text(COOKIE_NAME, name), 'cookie.name', 'cookieName', name)
  need(domain == null || text(DOMAIN, domain), 'cookie.domain', 'cookieDomain', domain)
  need(daysOk(days), 'cookie.days', 'cookieDays', days)
  need(typeof renew == 'boolean', 'cookie.renew', 'b', renew)
  const resolved = withDefaults(input)
  input.trackers?.forEach((t, i) => {
    need(typeof t?.pattern == 'string' && t.pattern, `trackers[${i}].pattern`, 'pattern', t?.pattern)
    need(resolved.order.includes(t.category), `trackers[${i}].category`, resolved.order, t.category)
  })
  return resolved
}
