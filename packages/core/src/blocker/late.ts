// The npm build's blockTrackers: the blocker, and a look at what got in before it. An app's module script runs after
// the HTML is parsed, so a tracker tag written in the HTML has been fetched (and a script run) by then: the blocker
// can hold nothing of it. That is said once, naming the tags, so that the site marks them. The drop-in, which runs
// first in <head>, imports the blocker itself (./index.ts) and ships none of this.
import { blockTrackers as start, type Blocker } from '.'
import { lateTrackers, warn } from '../errors'
import type { ConsentView } from '../store/types'
import { matchTracker } from '../trackers'

/** At most this many are named: the warning says how many more there are. */
const NAMED = 8

/** What already reached a tracker whose category is not granted: live tags in the document, then other requests. */
function alreadyLoaded(consent: ConsentView): string[] {
  const waits = (url: string) => {
    const c = matchTracker(url, consent.config.trackers)
    return !!c && !consent.has(c)
  }
  const found: string[] = []
  const urls = new Set<string>()
  // A script typed text/plain is marked (never fetched); a marked image or frame has data-src, not src.
  for (const el of document.querySelectorAll<HTMLElement>(
    'script[src]:not([type="text/plain"]),img[src],iframe[src],link[href]',
  )) {
    const attr = el.tagName == 'LINK' ? 'href' : 'src'
    const url = (el as unknown as Record<string, string>)[attr]
    if (waits(url)) (found.push(`<${el.tagName.toLowerCase()} ${attr}="${url}">`), urls.add(url))
  }
  // Requests the tags made (a beacon, a pixel): those that are done by now.
  for (const { name } of performance.getEntriesByType?.('resource') ?? [])
    if (!urls.has(name) && waits(name)) (found.push(name), urls.add(name))
  return found
}

/**
 * Starts blocking (./index.ts), and warns once, naming them, about known tracker tags that had loaded before it
 * started: with npm, call it as early as the app can, and mark the tags in the HTML (`samtykkeMark()` for Vite,
 * `markMiddleware()` for a Node server, from `@samtykke/mark`).
 */
export function blockTrackers(consent: ConsentView): Blocker {
  const found = alreadyLoaded(consent)
  if (found.length) warn(lateTrackers(found.slice(0, NAMED), found.length - NAMED))
  return start(consent)
}
