// Images, frames and media (img, iframe, source, video, audio, embed, input type=image): `src` and `srcset` move to
// `data-src` and `data-srcset` wherever they point to a tracker; samtykke's runtime gives them back.
import { candidates, categoryFor, firstCategory, hold, type Page, type Tag } from './tag'
import * as m from '../../messages'

/** Elements whose `src`/`srcset` the runtime releases from `data-src`/`data-srcset`. */
const MEDIA = new Set(['img', 'iframe', 'source', 'video', 'audio', 'embed'])

export const isMedia = (tag: Tag) =>
  MEDIA.has(tag.name) || (tag.name == 'input' && tag.attribute('type')?.toLowerCase() == 'image')

export function markMedia(tag: Tag, page: Page): void {
  const src = tag.attribute('src')
  const srcset = tag.attribute('srcset')
  const fromSrc = src != null ? page.category(src) : undefined
  const fromSrcset = srcset != null ? firstCategory(candidates(srcset), page) : undefined
  const found = fromSrc ?? fromSrcset
  if (!found) return
  if (fromSrc && fromSrcset && fromSrc != fromSrcset) {
    page.warnings.push({ ...tag.at, message: m.twoCategories(tag.name, fromSrc, fromSrcset) })
    return
  }
  const what = (fromSrc ? src! : srcset!).trim()
  const category = categoryFor(tag, found, what, page)
  if (!category) return
  const moves: [string, string][] = []
  if (fromSrc) moves.push(['src', 'data-src'])
  if (fromSrcset) moves.push(['srcset', 'data-srcset'])
  hold(tag, { category, kind: tag.name == 'input' ? 'input type=image' : tag.name, what, moves }, page)
}
