// One start tag as the tag kinds see it (its attributes, where it is, the edits that mark it), and the one way any of
// them holds a tracker tag back: `hold`. The edits are insertions and renames inside the start tag only.
import type { DefaultTreeAdapterMap } from 'parse5'
import { attributeNames } from '../attributes'
import { insideAny } from '../noscript'
import type { Change, Edit, MarkWarning } from '../types'
import * as m from '../../messages'

export type Element = DefaultTreeAdapterMap['element']

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

/** One start tag: its attributes, where it is, and the edits that mark it. */
export interface Tag {
  element: Element
  name: string
  at: { line: number; column: number }
  attribute(name: string): string | undefined
  has(name: string): boolean
  /** The attribute names as written, duplicates included (parse5 keeps only the first). */
  names(): string[]
  inNoscript(): boolean
  insert(text: string): void
  rename(from: string, to: string): void
}

/** The start tag of `element`, or undefined when it has none in the source (one the parser made up). */
export function tagOf(element: Element, page: Page): Tag | undefined {
  const location = element.sourceCodeLocation
  const start = location?.startTag
  if (!location || !start) return undefined
  let names: string[] | undefined
  return {
    element,
    name: element.nodeName,
    at: { line: start.startLine, column: start.startCol },
    attribute: (name) => element.attrs.find((a) => a.name == name)?.value,
    has: (name) => element.attrs.some((a) => a.name == name),
    names: () => (names ??= attributeNames(page.html.slice(start.startOffset, start.endOffset))),
    inNoscript: () => insideAny(page.noscripts, start.startOffset),
    insert(text) {
      const offset = start.startOffset + 1 + element.nodeName.length
      page.edits.push({ start: offset, end: offset, text })
    },
    rename(from, to) {
      const attribute = location.attrs![from]!
      page.edits.push({ start: attribute.startOffset, end: attribute.startOffset + from.length, text: to })
    },
  }
}

/** The URLs of a `srcset` (`url 1x, url 2x`). */
export const candidates = (srcset: string) => srcset.split(',').map((candidate) => candidate.trim().split(/\s+/)[0])

/** The first category any of `urls` waits for. */
export const firstCategory = (urls: string[], page: Page) => urls.map((url) => page.category(url)).find(Boolean)

/**
 * What to do with a tracker tag: hold it for `category`, renaming `moves` (from → to); a script also gets
 * `type="text/plain"`.
 */
export interface Hold {
  category: string
  kind: string
  what: string
  moves: [string, string][]
  script?: boolean
}

const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * Marks the tag. Refused, with a warning, when that would leave a URL the browser still reads (a second `src`, a
 * `data-src` already there).
 */
export function hold(tag: Tag, how: Hold, page: Page): void {
  const names = tag.names()
  const twice = how.moves.find(([from]) => names.filter((name) => name == from).length > 1)?.[0]
  const taken = how.moves.find(([, to]) => names.includes(to))?.[1]
  if (twice || taken) {
    page.warnings.push({ ...tag.at, message: m.clash(tag.name, how.what, how.category, twice, taken) })
    return
  }
  const own = tag.has('data-category')
  const text =
    (how.script ? ' type="text/plain"' : '') + (own ? '' : ` data-category="${escapeAttribute(how.category)}"`)
  if (text) tag.insert(text)
  for (const [from, to] of how.moves) tag.rename(from, to)
  const note = own ? { note: m.halfMarked(how.script ? 'script' : how.moves.map(([from]) => from)) } : {}
  const kind = (tag.inNoscript() ? 'noscript ' : '') + how.kind
  page.changes.push({ ...tag.at, kind, category: how.category, what: how.what, ...note })
}

/**
 * The category to hold a tracker tag for, `found` being the tracker list's: the tag's own `data-category` when it has
 * one (the site chose it; `necessary` lets it load), else `found`. Undefined: leave the tag as it is.
 */
export function categoryFor(tag: Tag, found: string, what: string, page: Page): string | undefined {
  const own = tag.attribute('data-category')
  if (own == null) return found
  if (own == 'necessary') return undefined
  if (page.order.includes(own)) return own
  page.warnings.push({ ...tag.at, message: m.unknownOwnCategory(tag.name, what, own, page.order) })
  return undefined
}
