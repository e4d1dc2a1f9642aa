// One element at a time: does it load a tracker before any choice, and how is it marked so that samtykke's runtime
// releases it (packages/core/src/blocker)? Each tag kind has its module: ./script and ./inline-script, ./link,
// ./media, and ./unreleasable for what can only be reported. ./tag is what they share: the start tag and `hold`.
import { markLink } from './link'
import { isMedia, markMedia } from './media'
import { markScript } from './script'
import { tagOf, type Element, type Page } from './tag'
import { warnSvg, warnUnreleasable } from './unreleasable'

export type { Page } from './tag'

const HTML_NS = 'http://www.w3.org/1999/xhtml'

/** Looks at one element of the page: marks it, reports it, or leaves it. */
export function markElement(element: Element, page: Page): void {
  const tag = tagOf(element, page)
  if (!tag) return
  if (element.namespaceURI != HTML_NS) return warnSvg(tag, page)
  warnUnreleasable(tag, page)
  if (tag.name == 'script') markScript(tag, page)
  else if (tag.name == 'link') markLink(tag, page)
  else if (isMedia(tag)) markMedia(tag, page)
}
