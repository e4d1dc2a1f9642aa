// The browser's cookie jar for writing: js-cookie, with the attributes of docs/adr/0002.
import Cookies from 'js-cookie'
import type { CookieJar } from './cookies'

export { cookieReader, memoryJar, type CookieJar } from './cookies'

/**
 * The browser's jar: `read` and `drop` (the read half's `cookieReader` and `dropOtherCopies`, handed over so a bundle
 * holds them once), and js-cookie to write and delete, with the attributes of docs/adr/0002.
 */
export function browserJar(domain: string | undefined, read: CookieJar['read'], drop: (name: string) => void): CookieJar {
  const jar = Cookies.withAttributes({ path: '/', sameSite: 'Lax', secure: location.protocol == 'https:', domain })
  return {
    read,
    write: (name, value, days) => {
      jar.set(name, value, { expires: days })
      if (read(name)[1]) drop(name)
    },
    remove: (name) => {
      // Every copy: one an earlier config left would bring the choice back on the next page.
      jar.remove(name)
      drop(name)
    },
  }
}
