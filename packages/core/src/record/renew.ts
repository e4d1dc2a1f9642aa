// Sending the consent cookie back: Safari and Brave keep a cookie a script writes for 7 days only, one in an HTTP
// answer for as long as it says. One rule for the drop-in's own renewal and a server's (@samtykke/mark's
// renewMiddleware, the consent log): the visitor's own value, byte for byte, to expire `cookie.days` after the decision
// time inside it, as docs/adr/0002 has it. It never extends a consent (the end is read from the record, not from the
// visit), never sends back a value that does not read as a record, and never makes one up: an undecided visitor gets
// nothing.
import type { ResolvedConfig } from '../config/types'
import { DAY } from '../config'
import { decodeRecord } from '.'
import { cookieLine, cookieValues } from './cookies'

/**
 * What the renewal reads of a config: the cookie, and the categories when a record naming another should not go back.
 */
export interface RenewConfig {
  cookie: Pick<ResolvedConfig['cookie'], 'name' | 'days' | 'domain'>
  /** The site's categories (a resolved config's `order`). Unset: any category. */
  order?: readonly string[]
}

/**
 * The `Set-Cookie` value that sends back the consent cookie in `header` (a request's `Cookie` header, or
 * `document.cookie`) for what remains of its lifetime at `now` (ms), with samtykke's attributes (`Secure` when
 * `secure`);
 * or undefined: no copy or several, not a record, a category `order` does not have, decided in the future, or run out.
 */
export function renewCookie(
  header: string | undefined,
  { cookie, order }: RenewConfig,
  now: number,
  secure = false,
): string | undefined {
  const values = cookieValues(header || '', cookie.name)
  const r = values.length == 1 && decodeRecord(values[0])
  if (
    typeof r != 'object' ||
    r.time > now + DAY ||
    (order && Object.keys(r.categories).some((c) => !order.includes(c)))
  )
    return
  const left = ((r.time + cookie.days * DAY - now) / 1e3) | 0
  if (left > 0) return cookieLine(cookie.name, values[0], left, cookie.domain, secure)
}
