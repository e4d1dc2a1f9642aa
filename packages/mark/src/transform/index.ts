// The transform: HTML in, the same HTML with every known tracker tag marked out, plus what changed and why.
// parse5 finds the elements (with their source positions); the output is the input with a few insertions and
// renames inside those elements' start tags, so every other byte stays as it was. Every step is linear in the size
// of the page, and the tree is walked without recursion: pages are input, and input can be crafted.
import { parse } from 'parse5'
import { DEFAULT_ORDER } from '@samtykke/core'
import { categoryOf } from './category'
import { pageConfig } from './config'
import { noscriptRanges } from './noscript'
import { markElement, type Page } from './tags'
import type { Edit, MarkOptions, MarkResult, MarkWarning } from './types'
import { elements } from './walk'
import { setupPage } from '../setup'

export type { Change, Edit, MarkOptions, MarkResult, MarkWarning } from './types'

/** `html` with `edits` applied (sorted here). */
function applyEdits(html: string, edits: Edit[]): string {
  edits.sort((a, b) => a.start - b.start || a.end - b.end)
  const parts: string[] = []
  let position = 0
  for (const edit of edits) {
    parts.push(html.slice(position, edit.start), edit.text)
    position = edit.end
  }
  parts.push(html.slice(position))
  return parts.join('')
}

/**
 * Marks every known tracker tag in `html` the way samtykke's runtime releases them: `<script type="text/plain"
 * data-category>` (a `type` it had moves to `data-type`), `data-src`/`data-srcset` on images, frames, media, image
 * inputs and `<link>`s, with `data-category`. A tag that has a `data-category` but still loads (a live `src`, a script
 * without `type="text/plain"`) is completed, for its own category. Tags already marked, the samtykke script and
 * anything that is not a known tracker are left alone, so a second run changes nothing. Inline scripts are marked
 * only when they are a vendor's snippet and nothing else; others that load a tracker come back as warnings, as do
 * trackers in attributes the runtime cannot release (`poster`, `<object data>`, `background`). With `setup`, the page
 * also gets the config block and the samtykke.js tag first in its <head> (../setup).
 */
export function markHtml(html: string, options: MarkOptions = {}): MarkResult {
  const warnings: MarkWarning[] = []
  // A byte order mark (or its bytes read as Latin-1) would be text before <!doctype>: the parser ignores spaces there.
  const bom = /^(\uFEFF|\xEF\xBB\xBF)/.exec(html)?.[0].length ?? 0
  const doc = parse(bom ? ' '.repeat(bom) + html.slice(bom) : html, {
    sourceCodeLocationInfo: true,
    scriptingEnabled: false,
  })

  const fromPage = !options.trackers || !options.categories ? pageConfig(doc, warnings) : undefined
  const order = options.categories ?? fromPage?.order ?? DEFAULT_ORDER
  const extra = options.trackers ?? fromPage?.trackers ?? []
  const page: Page = {
    html,
    order,
    category: categoryOf(order, extra),
    noscripts: noscriptRanges(html),
    changes: [],
    warnings,
    edits: [],
  }
  for (const el of elements(doc)) markElement(el, page)
  const setup = options.setup ? { setup: setupPage(doc, html, options.setup, page.edits, bom) } : {}
  return { html: applyEdits(html, page.edits), changes: page.changes, warnings, edits: page.edits, ...setup }
}

/**
 * `markHtml` for a file's bytes, in any ASCII-compatible encoding (UTF-8 with or without a byte order mark,
 * Windows-1252, ISO-8859-*): read one byte per character, so every byte outside the edits comes back unchanged.
 */
export function markBytes(bytes: Uint8Array, options?: MarkOptions): Omit<MarkResult, 'html'> & { bytes: Buffer } {
  const { html, ...r } = markHtml(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
    options,
  )
  return { ...r, bytes: Buffer.from(html, 'latin1') }
}
