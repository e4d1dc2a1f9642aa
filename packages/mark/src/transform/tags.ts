// One element at a time: does it load a tracker before any choice, and how is it marked so that samtykke's runtime
// releases it (packages/core/src/blocker: a `<script type="text/plain">` runs as a fresh copy; `data-src` and
// `data-srcset` go back to `src` and `srcset`, on a `<link>` to `href`)? The edits are insertions and renames inside
// the element's start tag only.
import type { DefaultTreeAdapterMap } from 'parse5'
import { attributeNames } from './attributes'
import { judgeInline } from './inline'
import type { Change, Edit, MarkWarning } from './types'
import * as m from '../messages'

type Element = DefaultTreeAdapterMap['element']
type TextNode = DefaultTreeAdapterMap['textNode']

/** The page being marked, and what marking it has found so far. */
export interface Page {
  html: string
  /** The site's categories, in order. */
  order: string[]
  /** The category a URL waits for; undefined when it may load. */
  category: (url: string) => string | undefined
  /** Where the `<noscript>` blocks are in `html`: [start, end) offsets, sorted. */
  noscripts: number[][]
  changes: Change[]
  warnings: MarkWarning[]
  edits: Edit[]
}

const HTML_NS = 'http://www.w3.org/1999/xhtml'
const JS_TYPES = /^(|module|(text|application)\/(x-)?(java|ecma)script|text\/(javascript1\.[0-5]|jscript|livescript))$/
/** `<link rel>` values that make the browser fetch or connect. */
const FETCHING_RELS = /^(preload|prefetch|preconnect|dns-prefetch|modulepreload|prerender|stylesheet|icon|shortcut|apple-touch-icon|manifest)$/
/** Elements whose `src`/`srcset` the runtime releases from `data-src`/`data-srcset`. */
const MEDIA = new Set(['img', 'iframe', 'source', 'video', 'audio', 'embed'])
export const SAMTYKKE_SCRIPT = /(^|\/)samtykke(\.min)?\.js([?#]|$)/
/**
 * Attributes that make the browser fetch, but that the runtime neither holds nor releases (it gives back `src`,
 * `srcset` and a link's `href` only): a tracker there is reported, never edited, or it would be lost for good.
 */
const UNRELEASABLE: { attr: string; tag?: string; list?: boolean }[] = [
  { attr: 'poster', tag: 'video' },
  { attr: 'data', tag: 'object' },
  { attr: 'imagesrcset', tag: 'link', list: true },
  // The legacy attribute of <body>, <table>, <td>…: any element that has it.
  { attr: 'background' },
]

/** One start tag: its attributes, where it is, and the edits that mark it. */
interface Tag {
  el: Element
  name: string
  at: { line: number; column: number }
  attr(name: string): string | undefined
  has(name: string): boolean
  /** The attribute names as written, duplicates included (parse5 keeps only the first). */
  names(): string[]
  inNoscript(): boolean
  insert(text: string): void
  rename(from: string, to: string): void
}

/** Whether offset `i` is inside one of `ranges` (sorted, not overlapping): a binary search, as a page can have many. */
function inside(ranges: number[][], i: number): boolean {
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (ranges[mid][1] <= i) lo = mid + 1
    else if (ranges[mid][0] >= i) hi = mid - 1
    else return true
  }
  return false
}

function tagOf(el: Element, page: Page): Tag | undefined {
  const loc = el.sourceCodeLocation
  const start = loc?.startTag
  if (!loc || !start) return undefined
  let names: string[] | undefined
  return {
    el,
    name: el.nodeName,
    at: { line: start.startLine, column: start.startCol },
    attr: (n) => el.attrs.find((a) => a.name == n)?.value,
    has: (n) => el.attrs.some((a) => a.name == n),
    names: () => (names ??= attributeNames(page.html.slice(start.startOffset, start.endOffset))),
    inNoscript: () => inside(page.noscripts, start.startOffset),
    insert(text) {
      const i = start.startOffset + 1 + el.nodeName.length
      page.edits.push({ start: i, end: i, text })
    },
    rename(from, to) {
      const a = loc.attrs![from]!
      page.edits.push({ start: a.startOffset, end: a.startOffset + from.length, text: to })
    },
  }
}

/** The URLs of a `srcset` (`url 1x, url 2x`). */
const candidates = (set: string) => set.split(',').map((c) => c.trim().split(/\s+/)[0])
/** The first category any of `urls` waits for. */
const firstCategory = (urls: string[], page: Page) => urls.map((u) => page.category(u)).find(Boolean)

/** What to do with a tracker tag: hold it for `category`, renaming `moves` (from → to); a script also gets `type="text/plain"`. */
interface Hold {
  category: string
  kind: string
  what: string
  moves: [string, string][]
  script?: boolean
}

/** Marks the tag. Refused, with a warning, when that would leave a URL the browser still reads (a second `src`, a `data-src` already there). */
function hold(t: Tag, h: Hold, page: Page): void {
  const names = t.names()
  const twice = h.moves.find(([from]) => names.filter((n) => n == from).length > 1)?.[0]
  const taken = h.moves.find(([, to]) => names.includes(to))?.[1]
  if (twice || taken) {
    page.warnings.push({ ...t.at, message: m.clash(t.name, h.what, h.category, twice, taken) })
    return
  }
  const own = t.has('data-category')
  const text = (h.script ? ' type="text/plain"' : '') + (own ? '' : ` data-category="${h.category.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"`)
  if (text) t.insert(text)
  for (const [from, to] of h.moves) t.rename(from, to)
  const note = own ? { note: m.halfMarked(h.script ? 'script' : h.moves.map(([from]) => from)) } : {}
  page.changes.push({ ...t.at, kind: (t.inNoscript() ? 'noscript ' : '') + h.kind, category: h.category, what: h.what, ...note })
}

/**
 * The category to hold a tracker tag for, `found` being the tracker list's: the tag's own `data-category` when it has
 * one (the site chose it; `necessary` lets it load), else `found`. Undefined: leave the tag as it is.
 */
function categoryFor(t: Tag, found: string, what: string, page: Page): string | undefined {
  const own = t.attr('data-category')
  if (own == null) return found
  if (own == 'necessary') return undefined
  if (page.order.includes(own)) return own
  page.warnings.push({ ...t.at, message: m.unknownOwnCategory(t.name, what, own, page.order) })
  return undefined
}

/** The path of a script's URL, or '' when it is no URL at all. */
export function pathOf(src: string): string {
  try {
    return new URL(src.trim(), 'https://x.invalid/').pathname
  } catch {
    return ''
  }
}

function markScript(t: Tag, page: Page): void {
  const type = (t.attr('type') ?? '').trim().toLowerCase()
  const src = t.attr('src')
  if (!JS_TYPES.test(type) || t.attr('id') == 'samtykke-config' || (src && SAMTYKKE_SCRIPT.test(pathOf(src)))) return
  const moves: [string, string][] = t.has('type') ? [['type', 'data-type']] : []
  if (src == null) return markInline(t, type == 'module', moves, page)
  const found = page.category(src)
  const category = found && categoryFor(t, found, src.trim(), page)
  if (category) hold(t, { category, kind: 'script', what: src.trim(), moves, script: true }, page)
}

/** An inline script is marked only when it is a vendor's snippet and nothing else; others that load a tracker are reported. */
function markInline(t: Tag, module: boolean, moves: [string, string][], page: Page): void {
  const text = t.el.childNodes[0] as TextNode | undefined
  const body = text?.sourceCodeLocation
  if (!text || !body) return
  const verdict = judgeInline(text.value, module, page.category)
  if (verdict.mark) {
    const cats = [...new Set(verdict.mark.map((s) => page.category(s.url) ?? 'marketing'))]
    // One script, several vendors of different categories: it waits for the last of them in the site's order.
    const found = cats.sort((a, b) => page.order.indexOf(a) - page.order.indexOf(b)).at(-1)!
    const what = verdict.mark.map((s) => s.name).join(', ')
    const category = categoryFor(t, found, what, page)
    if (!category) return
    if (cats.length > 1 && !t.has('data-category')) page.warnings.push({ ...t.at, message: m.vendorsMixed(what, cats, category) })
    hold(t, { category, kind: 'inline script', what, moves, script: true }, page)
  } else if (verdict.warn) {
    // The script's first line is on the tag's line when the code starts right after `>`.
    const line = body.startLine + verdict.warn.line - 1
    const column = verdict.warn.line == 1 ? body.startCol + verdict.warn.column - 1 : verdict.warn.column
    page.warnings.push({ line, column, message: verdict.warn.message })
  }
}

function markLink(t: Tag, page: Page): void {
  const href = t.attr('href')
  const rels = (t.attr('rel') ?? '').toLowerCase().split(/\s+/)
  if (href == null || !rels.some((r) => FETCHING_RELS.test(r))) return
  const found = page.category(href)
  const category = found && categoryFor(t, found, href.trim(), page)
  // The runtime gives a held link its `href` back from data-src.
  if (category) hold(t, { category, kind: `link rel=${rels.join(' ')}`, what: href.trim(), moves: [['href', 'data-src']] }, page)
}

/** img, iframe, source, video, audio, embed, input type=image: src and srcset, wherever they point to a tracker. */
function markMedia(t: Tag, page: Page): void {
  const src = t.attr('src')
  const set = t.attr('srcset')
  const fromSrc = src != null ? page.category(src) : undefined
  const fromSet = set != null ? firstCategory(candidates(set), page) : undefined
  const found = fromSrc ?? fromSet
  if (!found) return
  if (fromSrc && fromSet && fromSrc != fromSet) {
    page.warnings.push({ ...t.at, message: m.twoCategories(t.name, fromSrc, fromSet) })
    return
  }
  const what = (fromSrc ? src! : set!).trim()
  const category = categoryFor(t, found, what, page)
  if (!category) return
  const moves: [string, string][] = []
  if (fromSrc) moves.push(['src', 'data-src'])
  if (fromSet) moves.push(['srcset', 'data-srcset'])
  hold(t, { category, kind: t.name == 'input' ? 'input type=image' : t.name, what, moves }, page)
}

/** poster, object data, background, imagesrcset: reported when they load a tracker (see UNRELEASABLE). */
function warnUnreleasable(t: Tag, page: Page): void {
  if (t.attr('data-category') == 'necessary') return
  for (const { attr, tag, list } of UNRELEASABLE) {
    const value = tag && tag != t.name ? undefined : t.attr(attr)
    if (value == null) continue
    const urls = list ? candidates(value) : [value]
    const i = urls.findIndex((u) => page.category(u))
    if (i >= 0) page.warnings.push({ ...t.at, message: m.unreleasable(t.name, attr, urls[i].trim(), page.category(urls[i])!, m.adviceFor[attr]) })
  }
}

/** SVG's <script href> and <image href> load too, but the runtime has no way to release them: report, never edit. */
function warnSvg(t: Tag, page: Page): void {
  const url = t.attr('href') ?? t.attr('src')
  const c = url != null ? page.category(url) : undefined
  if (c) page.warnings.push({ ...t.at, message: m.svgTracker(t.name, url!.trim(), c) })
}

/** Looks at one element of the page: marks it, reports it, or leaves it. */
export function markElement(el: Element, page: Page): void {
  const t = tagOf(el, page)
  if (!t) return
  if (el.namespaceURI != HTML_NS) return warnSvg(t, page)
  warnUnreleasable(t, page)
  if (t.name == 'script') markScript(t, page)
  else if (t.name == 'link') markLink(t, page)
  else if (MEDIA.has(t.name) || (t.name == 'input' && t.attr('type')?.toLowerCase() == 'image')) markMedia(t, page)
}
