import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (s: string) => createHash('sha256').update(s).digest()

/** The token from `Authorization: Bearer <token>`, or the password of `Basic` (the admin page in a browser). */
export function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined
  const [scheme, value = ''] = header.split(' ', 2)
  if (/^bearer$/i.test(scheme)) return value.trim()
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    return decoded.slice(decoded.indexOf(':') + 1)
  }
  return undefined
}

/** Constant time: the compare does not tell how much of a guess was right. */
export const sameToken = (given: string | undefined, token: string) =>
  given !== undefined && timingSafeEqual(digest(given), digest(token))
