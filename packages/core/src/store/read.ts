// The read half of the consent store: the config and the cookie in, one nanostores atom out, kept in step
// with other tabs. This is all a returning visitor's page needs; deciding is in ./write (with js-cookie),
// which the drop-in fetches only when a visitor or the site changes the choice.
import { atom, type WritableAtom } from 'nanostores'
import { atom as smallAtom } from './atom'
import type { ResolvedConfig } from '../config/types'
import type { ConsentRecord, How } from '../record/types'
import type { Choices, ConsentState, ConsentView } from './types'
import { decodeRecord } from '../record'
import { DAY } from '../config'
import { cookieReader, dropOtherCopies, memoryJar, cookieLine, type CookieJar } from '../record/cookies'
import { tabSync } from '../sync'
import { cookieDomain, cookieUnreadable, storageUnavailable, unknownCategory, warn } from '../errors'

/** Seams for tests and servers. In a browser the defaults are the real cookie jar, clock and GPC signal. */
export interface ConsentEnv {
  jar?: CookieJar
  now?: () => number
  gpc?: boolean
}

/** What the write half shares with the read half: handed over, not exported on the API object. */
export interface Core {
  /** The atom, writable. */
  $state: WritableAtom<ConsentState>
  /** The jar in use. A reader only until the write half replaces it with a js-cookie one. */
  jar: Pick<CookieJar, 'read'> & Partial<CookieJar>
  /** The cookie's `domain`, once checked against this host. */
  domain?: string
  now(): number
  gpc: boolean
  browser: boolean
  /** Reads the cookie into a state. */
  load(): ConsentState
  /** Tells other tabs to read the cookie again. */
  notify(): void
  /** Removes the copies of the cookie an earlier config left (record/cookies.ts `dropOtherCopies`). */
  drop(name: string): void
  /** Runs `work`; when cookies throw, warns once, falls back to a jar in memory and returns `fallback`. */
  guard<T>(work: () => T, fallback?: T): T | undefined
  /** `{ name: on(name) }` for every category, necessary always on. */
  each(on: (name: string) => unknown): Record<string, boolean>
  /**
   * What a decision grants: `true` every category (GPC keeps marketing off: only an explicit switch overrides it),
   * `false` none, or the named choices on top of what is in effect now (a name that is no category: a warning).
   */
  grant(choices: Choices | boolean): Record<string, boolean>
  /**
   * Puts a decision in effect at once, before it is stored (`granted`), or forgets it (undefined): the blocker and the
   * signals follow now, the write half stores it when it is there. Returns what was granted before.
   */
  apply(granted?: Record<string, boolean>, record?: ConsentRecord): Record<string, boolean>
  /** The write half, once added: stores a choice, or what `apply` put in effect (`before`: what it replaced). */
  save?(granted?: Record<string, boolean>, how?: How, before?: Record<string, boolean>): void
}

/** The store, read-only: what is granted, from the cookie, for this config. */
export function readConsent(config: ResolvedConfig, env: ConsentEnv = {}): [ConsentView, Core] {
  const { order, cookie } = config
  // The drop-in always runs in a browser, with its real cookie jar and clock: the seams are the npm build's.
  const browser = __DROPIN__ || typeof document == 'object'
  const now = (!__DROPIN__ && env.now) || Date.now
  const gpc =
    (__DROPIN__ ? undefined : env.gpc) ??
    (browser && config.gpc !== false && (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl == true)
  const host = browser ? location.hostname : ''
  let domain = cookie.domain
  if (domain && host != domain && !host.endsWith('.' + domain)) {
    warn(cookieDomain(domain, host))
    domain = undefined
  }
  const each = (on: (name: string) => unknown) => Object.fromEntries(order.map((n) => [n, n == 'necessary' || !!on(n)]))

  const core = {
    jar: (!__DROPIN__ && env.jar) || (browser ? cookieReader : memoryJar()),
    domain,
    now,
    gpc,
    browser,
    each,
    // Cookies disabled or throwing: keep the choice in memory for this page view, and say so once.
    guard(work, fallback) {
      try {
        return work()
      } catch (e) {
        warn(storageUnavailable(e))
        core.jar = memoryJar()
        return fallback
      }
    },
    load() {
      const base: ConsentState = {
        decided: false,
        granted: each(() => false),
        record: null,
        previous: null,
        gpc,
        ask: 'first',
      }
      const values = core.guard(() => core.jar.read(cookie.name), [])!
      const r = values.length > 1 ? `found ${values.length} copies` : values[0] && decodeRecord(values[0])
      const unknown = typeof r == 'object' && Object.keys(r.categories).find((n) => !order.includes(n))
      const why =
        typeof r == 'string'
          ? r
          : unknown
            ? `category ${unknown} is not in the config`
            : r && r.time > now() + DAY && 'decided in the future'
      if (why) return (warn(cookieUnreadable(cookie.name, why)), { ...base, ask: 'invalid' })
      if (!r || typeof r == 'string') return base
      const previous = each((n) => r.categories[n] && !(gpc && n == 'marketing'))
      const ask =
        r.revision != config.revision
          ? 'revision'
          : now() - r.time > cookie.days * DAY
            ? 'expired'
            : order.some((n) => !(n in r.categories)) && 'new-category'
      return ask
        ? { ...base, previous, ask }
        : { ...base, decided: true, granted: r.categories, record: r, ask: undefined }
    },
    notify() {},
    drop: (name) => dropOtherCopies(name, domain),
    grant(c) {
      for (const n in c as Choices) if (!order.includes(n)) warn(unknownCategory(n, order))
      return each(
        c === true
          ? (n) => !(gpc && n == 'marketing')
          : c
            ? (n) => (n in c ? c[n] == true : core.$state.get().granted[n])
            : () => 0,
      )
    },
    apply(granted, record) {
      const s = core.$state.get()
      core.$state.set(
        granted
          ? { decided: true, granted, record: record || null, previous: null, gpc }
          : {
              decided: false,
              granted: each(() => 0),
              record: null,
              previous: s.record ? s.granted : s.previous,
              gpc,
              ask: 'first',
            },
      )
      return s.granted
    },
  } as Core

  // nanostores' atom, or in the drop-in what it uses of it (./atom: 119 B less in samtykke.js).
  const $state = (core.$state = (__DROPIN__ ? smallAtom : (atom as typeof smallAtom))(core.load()))
  // Safari and Brave cut a cookie that a script writes to 7 days. Writing the same record again on every visit keeps
  // the choice for a visitor who comes back within the week; it never extends consent, as the record's own time
  // decides when to ask again (docs/adr/0002). After start-up, so the page's first task does not pay for the write;
  // off (`cookie.renew: false`) for a site whose server sends the cookie back, as a script's write would cap it again.
  // The value is read again then (another tab, or the site's code, may have changed the choice since); a copy an
  // earlier config left goes, as after a decision. A renewal that fails is not worth a warning.
  if ((__DROPIN__ || (browser && !env.jar)) && cookie.renew && $state.get().record)
    setTimeout(() => {
      try {
        const [value] = core.jar.read(cookie.name),
          r = value && decodeRecord(value),
          age = typeof r == 'object' ? ((r.time + cookie.days * DAY - now()) / 1e3) | 0 : 0
        if (age > 0) {
          document.cookie = cookieLine(cookie.name, value!, age, domain)
          if (core.jar.read(cookie.name)[1]) core.drop(cookie.name)
        }
      } catch {}
    })
  let stop = () => {}
  if (browser)
    [core.notify, stop] = tabSync('samtykke:' + cookie.name, () => {
      // A choice made here and not stored yet (the drop-in, waiting for the write half) is newer than the cookie.
      if (core.$state.get().record === null && core.$state.get().decided) return
      const next = core.load()
      if (next.record?.id != $state.get().record?.id || next.decided != $state.get().decided) $state.set(next)
    })

  const view: ConsentView = {
    config,
    $state,
    get: $state.get,
    has: (category) => $state.get().granted[category] == true,
    get decided() {
      return $state.get().decided
    },
    subscribe: $state.subscribe,
    destroy: () => stop(),
  }
  return [view, core]
}
