// The cookie jar seam: reading (no library needed), and a Map for tests, the server and storage that throws.
// Writing is in ./jar (js-cookie): kept apart, so a bundle that only reads does not carry js-cookie.

export interface CookieJar {
  /** Every value stored under this name (more than one when set for several paths or domains). */
  read(name: string): string[]
  write(name: string, value: string, days: number): void
  remove(name: string): void
}

/** Every value under `name` in a `Cookie` header or `document.cookie` (`a=1; b=2`), raw. */
export const cookieValues = (header: string, name: string) =>
  header
    .split('; ')
    .filter((c) => c.slice(0, name.length + 1) == name + '=')
    .map((c) => c.slice(name.length + 1))

/**
 * Reading needs no library: js-cookie returns only the first of duplicates, and we need them all to notice a planted
 * second cookie. Values are read raw: the record format has no characters js-cookie escapes, so anything escaped is not
 * ours.
 */
export const cookieReader: Pick<CookieJar, 'read'> = { read: (name) => cookieValues(document.cookie, name) }

/**
 * The consent cookie with the attributes of docs/adr/0002, as a `Set-Cookie` value, which `document.cookie` takes too:
 * a negative `age` deletes it. One definition for the browser's own writes and a server's renewal (./renew), which
 * always says whether to add `Secure` (there is no `location` on a server).
 */
export const cookieLine = (
  name: string,
  value: string,
  age: number,
  domain?: string,
  secure = location.protocol == 'https:',
) =>
  name +
  '=' +
  value +
  '; Max-Age=' +
  age +
  '; Path=/; SameSite=Lax' +
  (domain ? '; Domain=' + domain : '') +
  (secure ? '; Secure' : '')

/**
 * After a write that left two copies: removes every copy but the one on `domain` (host-only when there is none), that
 * is, what an earlier config left, host-only or on another of this host's domains. Two copies read as tampering.
 */
export function dropOtherCopies(name: string, domain?: string) {
  if (domain) document.cookie = cookieLine(name, '', -1)
  const labels = location.hostname.split('.')
  for (let i = 0; i < labels.length - 1; i++) {
    const d = labels.slice(i).join('.')
    if (d != domain) document.cookie = cookieLine(name, '', -1, d)
  }
}

export function memoryJar(initial: Record<string, string[]> = {}): CookieJar & { values: Record<string, string[]> } {
  const values = { ...initial }
  return {
    values,
    read: (name) => values[name] ?? [],
    write: (name, value) => void (values[name] = [value]),
    remove: (name) => void delete values[name],
  }
}
