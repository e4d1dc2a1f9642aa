// The browser's cookie jar for writing: js-cookie, with the attributes of docs/adr/0002.
import Cookies from 'js-cookie'
import type { CookieJar } from './cookies'

export { cookieReader, memoryJar, type CookieJar } from './cookies'

/**
 * The browser's jar: `read` and `drop` (the read half's `cookieReader` and `dropOtherCopies`, handed over so a bundle
 * holds them once), and js-cookie to write and delete, with the attributes of docs/adr/0002.
 */
export function browserJar(
  domain: string | undefined,
  read: CookieJar['read'],
  drop: (name: string) => void,
): CookieJar {
  const jar = Cookies.withAttributes({ path: '/', sameSite: 'Lax', secure: location.protocol == 'https:', domain })
  return {
    read,
    // Throws when the browser did not keep it (cookies blocked, or a value over its limits): the store then keeps the
    // choice in memory for this page view and says so.
    write: (name, value, days) => {
      jar.set(name, value, { expires: days })
      const kept = read(name)
      if (kept[1]) drop(name)
      // A string, not an Error: guard() only prints it, and new Error() costs the UI chunk 9 B brotli (over its limit).
      // oxlint-disable-next-line no-throw-literal
      if (!kept.includes(value)) throw 'the cookie was not kept'
    },
    remove: (name) => {
      // Every copy: one an earlier config left would bring the choice back on the next page.
      jar.remove(name)
      drop(name)
    },
  }
}
