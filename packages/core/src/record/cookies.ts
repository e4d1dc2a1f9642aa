// The cookie jar seam: reading (no library needed), and a Map for tests, the server and storage that throws.
// Writing is in ./jar (js-cookie): kept apart, so a bundle that only reads does not carry js-cookie.

export interface CookieJar {
  /** Every value stored under this name (more than one when set for several paths or domains). */
  read(name: string): string[]
  write(name: string, value: string, days: number): void
  remove(name: string): void
}

/**
 * Reading needs no library: js-cookie returns only the first of duplicates, and we need them all to notice a planted
 * second cookie. Values are read raw: the record format has no characters js-cookie escapes, so anything escaped is not ours.
 */
export const cookieReader: Pick<CookieJar, 'read'> = {
  read: (name) =>
    document.cookie
      .split('; ')
      .filter((c) => c.slice(0, name.length + 1) == name + '=')
      .map((c) => c.slice(name.length + 1)),
}

/**
 * Sets a cookie, or with a negative `age` deletes it, with the attributes of docs/adr/0002, by hand: the read half renews the
 * stored record without js-cookie.
 */
export const setCookie = (name: string, value: string, age: number, domain?: string) =>
  void (document.cookie = `${name}=${value};max-age=${age}${domain ? ';domain=' + domain : ''};path=/;samesite=lax${location.protocol == 'https:' ? ';secure' : ''}`)

/**
 * After a write that left two copies: removes every copy but the one on `domain` (host-only when there is none), that
 * is, what an earlier config left, host-only or on another of this host's domains. Two copies read as tampering.
 */
export function dropOtherCopies(name: string, domain?: string) {
  if (domain) setCookie(name, '', -1)
  const labels = location.hostname.split('.')
  for (let i = 0; i < labels.length - 1; i++) {
    const d = labels.slice(i).join('.')
    if (d != domain) setCookie(name, '', -1, d)
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
