// The consent cookie, sent back by the site's own server: Safari and Brave keep a cookie a script writes for 7 days
// only, a cookie in an HTTP answer for as long as it says. Each HTML answer carries the visitor's own `samtykke`
// cookie back, byte for byte, to expire `cookie.days` after the decision time inside the record, as samtykke itself
// would. It never extends a consent (the end is read from the record, not from the visit), never re-issues a value
// that does not read as a record, and never makes one up: an undecided visitor gets nothing. That rule, and the
// cookie's attributes, are @samtykke/core's renewCookie; this module adds what a request decides (a prefetch, https).
// The pages then set `cookie.renew: false`, or samtykke's own renewal, a script's write, would cap the cookie again.
// One race is left: a page asked for before the visitor changed the choice in another tab answers with the cookie as
// it was sent. The next page answer carries the new choice again; in between, that tab reads the old one.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { renewCookie as renewal, resolveConfig, type RenewConfig, type SamtykkeConfig } from '@samtykke/core'

export interface RenewOptions {
  /** The pages' samtykke config (or its `cookie` part): its cookie name, days, domain and categories are used. */
  config?: SamtykkeConfig
  /**
   * Add `Secure`, as samtykke does on https. Default: when the connection is TLS, or a proxy in front says
   * `X-Forwarded-Proto: https`.
   */
  secure?: boolean | ((req: IncomingMessage) => boolean)
  /** The clock, ms since the epoch (for tests). */
  now?: () => number
}

type Next = (err?: unknown) => void

/** What core's renewCookie reads of the options' config: resolved once. Without a config, any category goes back. */
function renewalConfig(config: SamtykkeConfig | undefined): RenewConfig {
  const resolved = resolveConfig(config ?? {})
  return config ? resolved : { cookie: resolved.cookie }
}

/**
 * The `Set-Cookie` value that sends back the consent cookie this request carried, or undefined: none or several
 * copies, not a record, a category the config does not have, decided in the future, run out (core's renewCookie, the
 * rule samtykke's own renewal and the consent log follow), or a prefetch (which may never be shown to the visitor).
 */
export function renewCookie(req: IncomingMessage, options: RenewOptions = {}): string | undefined {
  return renewWith(renewalConfig(options.config), options)(req)
}

/** renewCookie with the config resolved once, for the middleware. */
function renewWith(config: RenewConfig, options: RenewOptions) {
  return (req: IncomingMessage): string | undefined => {
    if (req.headers['sec-purpose'] || req.headers['purpose']) return undefined
    const secure = typeof options.secure == 'function' ? options.secure(req) : (options.secure ?? isHttps(req))
    return renewal(req.headers.cookie, config, options.now?.() ?? Date.now(), secure)
  }
}

/**
 * `app.use(renewMiddleware({ config }))`: on every HTML answer (content-type text/html, status 2xx or 304), a
 * `Set-Cookie` that sends the visitor's consent cookie back for what remains of its lifetime (see `renewCookie`).
 * An answer that sets the consent cookie itself is left alone. Mount it before the routes that serve pages.
 * Answers with it are one visitor's: keep them out of shared caches (`Cache-Control: private`, or `Vary: Cookie`).
 */
export function renewMiddleware(options: RenewOptions = {}) {
  const config = renewalConfig(options.config)
  const { name } = config.cookie
  const renew = renewWith(config, options)
  return function samtykkeRenew(req: IncomingMessage, res: ServerResponse, next: Next): void {
    const cookie = renew(req)
    if (!cookie) return next()
    const { writeHead } = res
    // Node sends implicit headers through writeHead too, so this sees every answer just before its headers go.
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      res.writeHead = writeHead
      const headers = rest.find((h) => h && typeof h == 'object') as
        | OutgoingHttpHeaders
        | (string | string[])[]
        | undefined
      const given = (key: string) => {
        if (Array.isArray(headers)) {
          const flat = headers.flat()
          for (let i = 0; i < flat.length; i += 2) if (String(flat[i]).toLowerCase() == key) return String(flat[i + 1])
          return undefined
        }
        const hit = headers && Object.keys(headers).find((k) => k.toLowerCase() == key)
        return hit ? String(headers![hit]) : undefined
      }
      const type = given('content-type') ?? String(res.getHeader('content-type') ?? '')
      const html = /^\s*text\/html\b/i.test(type) && ((status >= 200 && status < 300) || status == 304)
      const already = [res.getHeader('set-cookie'), given('set-cookie')]
        .flat()
        .some((c) => typeof c == 'string' && c.trimStart().startsWith(name + '='))
      if (html && !already && Array.isArray(headers)) {
        if (Array.isArray(headers[0])) (headers as string[][]).push(['set-cookie', cookie])
        else (headers as string[]).push('set-cookie', cookie)
      } else if (html && !already) {
        const before = res.getHeader('set-cookie')
        const given = headers as OutgoingHttpHeaders | undefined
        const inArgs = given && Object.keys(given).find((k) => k.toLowerCase() == 'set-cookie')
        if (given && inArgs) given[inArgs] = [given[inArgs]!].flat().map(String).concat(cookie)
        else res.setHeader('set-cookie', before == null ? [cookie] : [before].flat().map(String).concat(cookie))
      }
      return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest)
    } as ServerResponse['writeHead']
    next()
  }
}

function isHttps(req: IncomingMessage): boolean {
  const proto = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    .trim()
    .toLowerCase()
  return (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true || proto == 'https'
}
