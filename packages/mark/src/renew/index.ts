// The consent cookie, sent back by the site's own server: Safari and Brave keep a cookie a script writes for 7 days
// only, a cookie in an HTTP answer for as long as it says. Each HTML answer carries the visitor's own `samtykke`
// cookie back, byte for byte, to expire `cookie.days` after the decision time inside the record, as samtykke itself
// would. It never extends a consent (the end is read from the record, not from the visit), never re-issues a value
// that does not read as a record, and never makes one up: an undecided visitor gets nothing.
// The pages then set `cookie.renew: false`, or samtykke's own renewal, a script's write, would cap the cookie again.
// One race is left: a page asked for before the visitor changed the choice in another tab answers with the cookie as
// it was sent. The next page answer carries the new choice again; in between, that tab reads the old one.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { decodeRecord, resolveConfig, type SamtykkeConfig } from '@samtykke/core'

const DAY = 864e5

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

/**
 * The `Set-Cookie` value that sends back the consent cookie this request carried, or undefined: none or several
 * copies, not a record, a category the config does not have, decided in the future, run out, or a prefetch (which
 * may never be shown to the visitor).
 */
export function renewCookie(req: IncomingMessage, options: RenewOptions = {}): string | undefined {
  const { name, days, domain } = resolveConfig(options.config ?? {}).cookie
  const config = options.config ? resolveConfig(options.config) : undefined
  const now = options.now?.() ?? Date.now()
  if (req.headers['sec-purpose'] || req.headers['purpose']) return undefined
  const values = String(req.headers.cookie ?? '')
    .split(/;\s*/)
    .filter((c) => c.startsWith(name + '='))
    .map((c) => c.slice(name.length + 1))
  if (values.length != 1) return undefined
  const record = decodeRecord(values[0])
  if (typeof record == 'string' || record.time > now + DAY) return undefined
  if (config?.categories && Object.keys(record.categories).some((c) => !(c in config.categories))) return undefined
  const left = Math.floor((record.time + days * DAY - now) / 1000)
  if (left <= 0) return undefined
  const secure = typeof options.secure == 'function' ? options.secure(req) : (options.secure ?? isHttps(req))
  return `${name}=${values[0]}; Max-Age=${left}; Path=/; SameSite=Lax${domain ? '; Domain=' + domain : ''}${secure ? '; Secure' : ''}`
}

/**
 * `app.use(renewMiddleware({ config }))`: on every HTML answer (content-type text/html, status 2xx or 304), a
 * `Set-Cookie` that sends the visitor's consent cookie back for what remains of its lifetime (see `renewCookie`).
 * An answer that sets the consent cookie itself is left alone. Mount it before the routes that serve pages.
 * Answers with it are one visitor's: keep them out of shared caches (`Cache-Control: private`, or `Vary: Cookie`).
 */
export function renewMiddleware(options: RenewOptions = {}) {
  const { name } = resolveConfig(options.config ?? {}).cookie
  return function samtykkeRenew(req: IncomingMessage, res: ServerResponse, next: Next): void {
    const cookie = renewCookie(req, options)
    if (!cookie) return next()
    const { writeHead } = res
    // Node sends implicit headers through writeHead too, so this sees every answer just before its headers go.
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      res.writeHead = writeHead
      const headers = rest.find((h) => h && typeof h == 'object') as OutgoingHttpHeaders | (string | string[])[] | undefined
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
      const already = [res.getHeader('set-cookie'), given('set-cookie')].flat().some((c) => typeof c == 'string' && c.trimStart().startsWith(name + '='))
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
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase()
  return (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true || proto == 'https'
}
