// The transform: HTML in, the same HTML with every known tracker tag marked out, plus what changed and why.
// parse5 finds the elements (with their source positions); the output is the input with a few insertions and
// renames inside those elements' start tags, so every other byte stays as it was.
import { parse } from 'parse5'
import type { DefaultTreeAdapterMap } from 'parse5'
import { DEFAULT_ORDER, matchTracker, resolveConfig, type SamtykkeConfig, type TrackerRule } from '@samtykke/core'
import { judgeInline, lineOf } from './inline'
import { ADS_URL } from './snippets'
import * as m from '../messages'

type Element = DefaultTreeAdapterMap['element']
type ParentNode = DefaultTreeAdapterMap['parentNode']
type TextNode = DefaultTreeAdapterMap['textNode']

export interface MarkOptions {
  /**
   * The site's own tracker rules, checked before the built-in list (config `trackers`). Default: those of the page's
   * `<script type="application/json" id="samtykke-config">` block, if it has one.
   */
  trackers?: TrackerRule[]
  /**
   * The site's categories (config `categories`, in order). A tracker whose category the site does not have is marked
   * `marketing`, as the runtime blocker treats it. Default: from the page's config block, else samtykke's defaults.
   */
  categories?: string[]
}

/** One tag that was marked. */
export interface Change {
  line: number
  column: number
  /** `script`, `inline script`, `img`, `iframe`, `link rel=preload`, `noscript img`… */
  kind: string
  category: string
  /** The tracker URL, or the vendors of an inline snippet. */
  what: string
}

/** Something that loads a tracker and was left as it is: the site has to mark it by hand. */
export interface MarkWarning {
  line: number
  column: number
  message: string
}

/** A replacement of input[start, end) by text: the output is the input with these applied. */
export interface Edit {
  start: number
  end: number
  text: string
}

export interface MarkResult {
  html: string
  changes: Change[]
  warnings: MarkWarning[]
  edits: Edit[]
}

const JS_TYPES = /^(|module|(text|application)\/(x-)?(java|ecma)script|text\/(javascript1\.[0-5]|jscript|livescript))$/
/** `<link rel>` values that make the browser fetch or connect. */
const FETCHING_RELS = /^(preload|prefetch|preconnect|dns-prefetch|modulepreload|prerender|stylesheet|icon|shortcut|apple-touch-icon|manifest)$/
/** Elements whose `src`/`srcset` the runtime releases from `data-src`/`data-srcset`. */
const MEDIA = new Set(['img', 'iframe', 'source', 'video', 'audio', 'embed'])
const SAMTYKKE_SCRIPT = /(^|\/)samtykke(\.min)?\.js([?#]|$)/
const HTML_NS = 'http://www.w3.org/1999/xhtml'

/** The attribute names of a start tag, as written (duplicates included: parse5 keeps only the first). */
function rawNames(tag: string): string[] {
  const names: string[] = []
  const re = /[\s/]*([^\s/>=][^\s/>=]*)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?/g
  re.lastIndex = tag.search(/[\s/]/)
  if (re.lastIndex < 0) return names
  for (let m; (m = re.exec(tag)) && m[0]; ) names.push(m[1].toLowerCase())
  return names
}

/** The page's own config block, read as the drop-in reads it. */
function pageConfig(doc: ParentNode, warnings: MarkWarning[]): { order: string[]; trackers: TrackerRule[] } | undefined {
  let found: Element | undefined
  walk(doc, (el) => {
    if (!found && el.nodeName == 'script' && el.attrs.some((a) => a.name == 'id' && a.value == 'samtykke-config')) found = el
  })
  const text = found?.childNodes[0] as TextNode | undefined
  if (!text) return
  try {
    const config = resolveConfig(JSON.parse(text.value) as SamtykkeConfig)
    return { order: config.order, trackers: config.trackers ?? [] }
  } catch (e) {
    const at = found!.sourceCodeLocation!
    warnings.push({ line: at.startLine, column: at.startCol, message: m.badConfigBlock(e) })
  }
}

/** Every element in document order, `<template>` contents included. */
/** Whether offset `i` is inside one of `ranges` (sorted, not overlapping): a binary search, as a page can have many. */
function inside(ranges: number[][], i: number): boolean {
  let lo = 0,
    hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (ranges[mid][1] <= i) lo = mid + 1
    else if (ranges[mid][0] >= i) hi = mid - 1
    else return true
  }
  return false
}

/** The path of a script's URL, or '' when it is no URL at all. */
function pathOf(src: string): string {
  try {
    return new URL(src.trim(), 'https://x.invalid/').pathname
  } catch {
    return ''
  }
}

function walk(node: ParentNode, visit: (el: Element) => void) {
  for (const child of node.childNodes) {
    if (!('tagName' in child)) continue
    visit(child)
    const tpl = child as DefaultTreeAdapterMap['template']
    walk(child.nodeName == 'template' && tpl.content ? tpl.content : child, visit)
  }
}

/**
 * Marks every known tracker tag in `html` the way samtykke's runtime releases them: `<script type="text/plain"
 * data-category>` (a `type` it had moves to `data-type`), `data-src`/`data-srcset` on images, frames, media and
 * `<link>`s, with `data-category`. Tags already marked, the samtykke script and anything that is not a known tracker
 * are left alone, so a second run changes nothing. Inline scripts are marked only when they are a vendor's snippet
 * and nothing else; others that load a tracker come back as warnings.
 */
export function markHtml(html: string, options: MarkOptions = {}): MarkResult {
  const changes: Change[] = []
  const warnings: MarkWarning[] = []
  const edits: Edit[] = []
  // A byte order mark (or its bytes read as Latin-1) would be text before <!doctype>: the parser ignores spaces there.
  const bom = /^(\uFEFF|\xEF\xBB\xBF)/.exec(html)?.[0].length ?? 0
  const doc = parse(bom ? ' '.repeat(bom) + html.slice(bom) : html, { sourceCodeLocationInfo: true, scriptingEnabled: false })

  const fromPage = !options.trackers || !options.categories ? pageConfig(doc, warnings) : undefined
  const order = options.categories ?? fromPage?.order ?? DEFAULT_ORDER
  const extra = options.trackers ?? fromPage?.trackers ?? []
  /** The category `url` waits for, as the runtime decides it; undefined when it may load. */
  const category = (url: string) => {
    url = url.trim()
    // gtag.js for a Google Ads or Floodlight id is an ads tag: it waits for Google Ads' category (the core list
    // matches hosts and paths, so it counts every gtag.js as analytics). Stricter than the runtime, never looser.
    if (/googletagmanager\.com\/gtag\/js\?(.*&)?id=(AW|DC)-/.test(url) && !extra.some((r) => url.includes(r.pattern.split('/')[0]))) url = ADS_URL
    let c = matchTracker(url.startsWith('//') ? 'https:' + url : url, extra)
    if (c == 'necessary') return
    if (c && !order.includes(c)) c = 'marketing'
    return c
  }

  // Parsed as if scripting were off, the images of a <noscript> fallback are elements (in <head>, the parser moves
  // them out of it, so the raw text tells which ones were written inside one).
  const noscripts = [...html.matchAll(/<noscript\b[\s\S]*?(<\/noscript\s*>|$)/gi)].map((m) => [m.index!, m.index! + m[0].length])

  walk(doc, (el) => {
    const loc = el.sourceCodeLocation
    const tag = loc?.startTag
    if (!tag) return
    if (el.namespaceURI != HTML_NS) {
      // SVG's <script href> and <image href> load too, but the runtime has no way to release them: report, never edit.
      const url = el.attrs.find((a) => a.name == 'href' || a.name == 'src')?.value
      const c = url != null ? category(url) : undefined
      if (c)
        warnings.push({ line: tag.startLine, column: tag.startCol, message: m.svgTracker(el.nodeName, url!.trim(), c) })
      return
    }
    const attr = (n: string) => el.attrs.find((a) => a.name == n)?.value
    const has = (n: string) => el.attrs.some((a) => a.name == n)
    const name = el.nodeName
    if (has('data-category') || !(name == 'script' || name == 'link' || MEDIA.has(name))) return

    const at = { line: tag.startLine, column: tag.startCol }
    const inNoscript = inside(noscripts, tag.startOffset)
    const raw = html.slice(tag.startOffset, tag.endOffset)
    const names = rawNames(raw)
    const rename = (from: string, to: string) => {
      const a = loc.attrs![from]!
      edits.push({ start: a.startOffset, end: a.startOffset + from.length, text: to })
    }
    const insert = (text: string) => {
      const i = tag.startOffset + 1 + name.length
      edits.push({ start: i, end: i, text })
    }
    /** Marks the element, renaming `moves` (from → to): refused, with a warning, when that would leave a URL the browser still reads. */
    const hold = (moves: [string, string][], category: string, kind: string, what: string, prefix = '') => {
      const twice = moves.find(([from]) => names.filter((n) => n == from).length > 1)?.[0]
      const taken = moves.find(([, to]) => names.includes(to))?.[1]
      if (twice || taken) {
        warnings.push({ ...at, message: m.clash(name, what, category, twice, taken) })
        return
      }
      insert(`${prefix} data-category="${category.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"`)
      for (const [from, to] of moves) rename(from, to)
      changes.push({ ...at, kind: (inNoscript ? 'noscript ' : '') + kind, category, what })
    }

    if (name == 'script') {
      const type = (attr('type') ?? '').trim().toLowerCase()
      const src = attr('src')
      if (!JS_TYPES.test(type) || attr('id') == 'samtykke-config' || (src && SAMTYKKE_SCRIPT.test(pathOf(src)))) return
      const moved: [string, string][] = has('type') ? [['type', 'data-type']] : []
      if (src != null) {
        const c = category(src)
        if (c) hold(moved, c, 'script', src.trim(), ' type="text/plain"')
        return
      }
      const text = el.childNodes[0] as TextNode | undefined
      const body = text?.sourceCodeLocation
      if (!text || !body) return
      const verdict = judgeInline(text.value, type == 'module', category)
      if (verdict.mark) {
        const cats = [...new Set(verdict.mark.map((s) => category(s.url) ?? 'marketing'))]
        // One script, several vendors of different categories: it waits for the last of them in the site's order.
        const c = cats.sort((a, b) => order.indexOf(a) - order.indexOf(b)).at(-1)!
        const what = verdict.mark.map((s) => s.name).join(', ')
        if (cats.length > 1)
          warnings.push({ ...at, message: m.vendorsMixed(what, cats, c) })
        hold(moved, c, 'inline script', what, ' type="text/plain"')
      } else if (verdict.warn) {
        // The script's first line is on the tag's line when the code starts right after `>`.
        const line = body.startLine + verdict.warn.line - 1
        const column = verdict.warn.line == 1 ? body.startCol + verdict.warn.column - 1 : verdict.warn.column
        warnings.push({ line, column, message: verdict.warn.message })
      }
      return
    }

    if (name == 'link') {
      const href = attr('href')
      const rels = (attr('rel') ?? '').toLowerCase().split(/\s+/)
      const c = href != null && rels.some((r) => FETCHING_RELS.test(r)) ? category(href) : undefined
      // The runtime gives a held link its `href` back from data-src.
      if (c) hold([['href', 'data-src']], c, `link rel=${rels.join(' ')}`, href!.trim())
      return
    }

    // img, iframe, source, video, audio, embed: src and srcset, wherever they point to a tracker.
    const src = attr('src')
    const set = attr('srcset')
    const cs = src != null ? category(src) : undefined
    const cset = set?.split(',').map((c) => category(c.trim().split(/\s+/)[0])).find(Boolean)
    const c = cs ?? cset
    if (!c) return
    if (cs && cset && cs != cset) {
      warnings.push({ ...at, message: m.twoCategories(name, cs, cset) })
      return
    }
    const moves: [string, string][] = []
    if (cs) moves.push(['src', 'data-src'])
    if (cset) moves.push(['srcset', 'data-srcset'])
    hold(moves, c, name, (cs ? src! : set!).trim())
  })

  edits.sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let pos = 0
  for (const e of edits) (out += html.slice(pos, e.start) + e.text), (pos = e.end)
  out += html.slice(pos)
  return { html: out, changes, warnings, edits }
}

export { lineOf }

/**
 * `markHtml` for a file's bytes, in any ASCII-compatible encoding (UTF-8 with or without a byte order mark,
 * Windows-1252, ISO-8859-*): read one byte per character, so every byte outside the edits comes back unchanged.
 */
export function markBytes(bytes: Uint8Array, options?: MarkOptions): Omit<MarkResult, 'html'> & { bytes: Buffer } {
  const { html, ...r } = markHtml(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), options)
  return { ...r, bytes: Buffer.from(html, 'latin1') }
}
