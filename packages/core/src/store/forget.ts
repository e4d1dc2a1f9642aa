// Withdrawal: delete the first-party cookies and localStorage keys of the categories the visitor took back.
// Third-party cookies (doubleclick.net, facebook.com…) are out of the page's reach: they can only be prevented.
import type { ResolvedConfig } from '../config/types'
import { TRACKER_COOKIES, nameMatch } from '../trackers/cookies'

/** Every `domain=` a cookie for `host` can have: host-only (''), the host, and each parent domain above the TLD. */
export function cookieDomains(host: string): string[] {
  const l = host.split('.')
  return ['', ...l.slice(0, -1).map((_, i) => '.' + l.slice(i).join('.'))]
}

/** Every `path=` a cookie visible on `path` can have: `/` and each prefix, with and without the trailing slash. */
export function cookiePaths(path: string): string[] {
  let p = ''
  const r = ['/']
  for (const s of path.split('/')) if (s) r.push((p += '/' + s), p + '/')
  return r
}

/**
 * Deletes the cookies and localStorage keys of `categories` (built-in list + the site's `services[].cookies`), except
 * the consent cookie. Each name is looked for in both: trackers keep the same names in either.
 */
export function forget(categories: string[], config: ResolvedConfig) {
  const names = categories.flatMap((c) => [
    ...(TRACKER_COOKIES[c] || []),
    ...(config.categories[c]?.services || []).flatMap((v) => (v.cookies || []).map((k) => k.name)),
  ])
  const hit = (n: string) => n != config.cookie.name && names.some((p) => nameMatch(n, p))
  const domains = cookieDomains(location.hostname),
    paths = cookiePaths(location.pathname)
  for (const kv of document.cookie.split(';')) {
    const n = kv.split('=')[0].trim()
    if (hit(n))
      for (const d of domains)
        for (const p of paths) document.cookie = `${n}=;max-age=-1;path=${p}${d && ';domain=' + d}`
  }
  try {
    for (const k of Object.keys(localStorage)) if (hit(k)) localStorage.removeItem(k)
  } catch {
    // Storage switched off or blocked (Safari private mode, sandboxed frames): nothing of ours to delete there.
  }
}
