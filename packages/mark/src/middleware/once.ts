// "Once per page" without remembering every page: the keys seen most recently, at most `cap` of them. A server sees
// as many distinct URLs as its visitors care to send, so the set must not grow with them.

/** A function that says true the first time it sees a key, false while that key is among the `cap` most recent. */
export function onceEach(cap = 1000): (key: string) => boolean {
  const seen = new Set<string>()
  return (key) => {
    if (seen.has(key)) {
      // Seen again: now the most recent (a Set keeps insertion order).
      seen.delete(key)
      seen.add(key)
      return false
    }
    seen.add(key)
    if (seen.size > cap) seen.delete(seen.values().next().value!)
    return true
  }
}

/** The path of a request URL, without its query: `/side?utm=1` and `/side?utm=2` are one page. */
export const pathOf = (url: string) => {
  const query = url.indexOf('?')
  return query < 0 ? url : url.slice(0, query)
}
