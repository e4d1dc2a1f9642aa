// Trackers the runtime cannot hold back or release: reported, never edited, or they would be lost for good.
// The runtime gives back `src`, `srcset` and a link's `href` only; SVG elements it does not hold at all.
import { candidates, type Page, type Tag } from './tag'
import * as m from '../../messages'

/** Attributes that make the browser fetch, but that the runtime neither holds nor releases. */
const UNRELEASABLE: { attribute: string; tag?: string; list?: boolean }[] = [
  { attribute: 'poster', tag: 'video' },
  { attribute: 'data', tag: 'object' },
  { attribute: 'imagesrcset', tag: 'link', list: true },
  // The legacy attribute of <body>, <table>, <td>…: any element that has it.
  { attribute: 'background' },
]

/** poster, object data, background, imagesrcset: reported when they load a tracker. */
export function warnUnreleasable(tag: Tag, page: Page): void {
  if (tag.attribute('data-category') == 'necessary') return
  for (const { attribute, tag: only, list } of UNRELEASABLE) {
    const value = only && only != tag.name ? undefined : tag.attribute(attribute)
    if (value == null) continue
    const urls = list ? candidates(value) : [value]
    const url = urls.find((candidate) => page.category(candidate))
    if (url == null) continue
    const message = m.unreleasable(tag.name, attribute, url.trim(), page.category(url)!, m.adviceFor[attribute])
    page.warnings.push({ ...tag.at, message })
  }
}

/** SVG's <script href> and <image href> load too, but the runtime has no way to release them: report, never edit. */
export function warnSvg(tag: Tag, page: Page): void {
  const url = tag.attribute('href') ?? tag.attribute('src')
  const category = url != null ? page.category(url) : undefined
  if (category) page.warnings.push({ ...tag.at, message: m.svgTracker(tag.name, url!.trim(), category) })
}
