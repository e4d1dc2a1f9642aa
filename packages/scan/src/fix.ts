// How to fix a leak, in one line: the markup that holds the tag behind it until consent, or the file and line to
// change. A leak's cause is what the browser could tell (scan.ts: initiatorOf, scriptOf, Set-Cookie); when the cause
// is a tracker's own script (gtag.js setting _ga), the fix is for the tag that loaded that script, found among the
// phase's requests.
import { classifyRequest, stripQuery } from './classify'
import type { Phase, RequestFinding } from './types'

/** What `fixFor` needs to know about one leak. */
export interface LeakCause {
  phase: Phase
  /** The category the leak waits for. */
  category: string
  /** scan.ts's words for who caused it: a tag, an inline script, a script URL:line, a Set-Cookie; null = unknown. */
  cause: string | null
  /** For a tag in the page's HTML: its URL in full. */
  tagUrl?: string
  /** The leak's own URL (a request's, without its query values), for a tag whose full URL is not known. */
  url?: string
}

const TAG = /^<(script|img|iframe|link)\b[^>]*> in (.+) line (\d+)$/
const OTHER_TAG = /^a tag in (.+?)(?: line (\d+))?$/
const INLINE = /^inline script in (.+) line (\d+)$/
const SCRIPT = /^((?:https?|file):\/\/.+):(\d+)$/
const SET_COOKIE = /^Set-Cookie from (.+)$/

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')

/**
 * A tag as samtykke holds it: the browser fetches nothing for it, and samtykke.js releases it once `category` is
 * granted.
 */
export function markup(tag: string, category: string, url: string): string {
  const marker = `data-category="${attr(category)}"`
  if (tag == 'script') return `<script type="text/plain" ${marker} src="${attr(url)}"></script>`
  if (tag == 'link') return `<link ${marker} data-src="${attr(url)}">`
  if (tag == 'iframe') return `<iframe ${marker} data-src="${attr(url)}"></iframe>`
  return `<img ${marker} data-src="${attr(url)}">`
}

/** The one-line fix for a leak. `requests` are the scan's, to follow a tracker's script back to its tag. */
export function fixFor(leak: LeakCause, requests: RequestFinding[], depth = 0): string {
  const { cause, category } = leak
  const mark = `data-category="${category}"`
  if (!cause)
    return (
      `find what loads it (the browser could not tell) and mark that tag with ${mark}; ` +
      '`samtykke mark` marks known tracker tags in built HTML'
    )
  let match: RegExpExecArray | null
  if ((match = TAG.exec(cause))) {
    const [, tag, page, line] = match
    const url = leak.tagUrl ?? leak.url ?? ''
    return (
      `mark the <${tag}> in ${page} line ${line} (its other attributes stay): ${markup(tag, category, url)}; ` +
      '`samtykke mark` does this in built HTML'
    )
  }
  if ((match = OTHER_TAG.exec(cause)))
    return `mark the tag in ${match[1]}${match[2] ? ` line ${match[2]}` : ''} with ${mark}, its src as data-src`
  if ((match = INLINE.exec(cause)))
    return (
      `mark the inline script in ${match[1]} line ${match[2]}: <script type="text/plain" ${mark}> ` +
      "(if it also does the page's own work, move that into a script of its own)"
    )
  if ((match = SCRIPT.exec(cause))) {
    const [, script, line] = match
    const tracker = classifyRequest(script).category
    if (tracker) {
      const loader =
        depth < 3 && requests.find((q) => q.phase == leak.phase && q.type == 'script' && q.url == stripQuery(script))
      if (loader)
        return fixFor(
          { phase: leak.phase, category: tracker, cause: loader.initiator, tagUrl: loader.tagUrl, url: script },
          requests,
          depth + 1,
        )
      return `mark the tag that loads ${script}: ${markup('script', tracker, script)}`
    }
    return (
      `change ${script} line ${line}, which does it: ` +
      `mark the <script> that loads that file with type="text/plain" ${mark}, ` +
      `or have that code wait until samtykke.has('${category}')`
    )
  }
  if ((match = SET_COOKIE.exec(cause))) {
    const response = match[1]
    const request = depth < 3 && requests.find((q) => q.phase == leak.phase && q.url == response)
    if (request)
      return fixFor(
        {
          phase: leak.phase,
          category: request.category ?? category,
          cause: request.initiator,
          tagUrl: request.tagUrl,
          url: response,
        },
        requests,
        depth + 1,
      )
    return (
      `the answer to ${response} sets it: ` +
      `send that Set-Cookie only when the visitor's samtykke cookie grants ${category}`
    )
  }
  return `it came from ${cause}: mark the tag there that loads it with ${mark}`
}
