// An inline <script> is marked only when it is a vendor's snippet and nothing else (../inline judges its code);
// others that load a tracker are reported, at the line and column of the tracker inside the script.
import type { DefaultTreeAdapterMap } from 'parse5'
import { judgeInline } from '../inline'
import { categoryFor, hold, type Page, type Tag } from './tag'
import * as m from '../../messages'

type TextNode = DefaultTreeAdapterMap['textNode']

/** `moves` are the renames the tag needs besides its new `type` (a `type` it had becomes `data-type`). */
export function markInlineScript(tag: Tag, module: boolean, moves: [string, string][], page: Page): void {
  const text = tag.element.childNodes[0] as TextNode | undefined
  const body = text?.sourceCodeLocation
  if (!text || !body) return
  const verdict = judgeInline(text.value, module, page.category)
  if (verdict.mark) {
    const categories = [...new Set(verdict.mark.map((snippet) => page.category(snippet.url) ?? 'marketing'))]
    // One script, several vendors of different categories: it waits for the last of them in the site's order.
    const found = categories.sort((a, b) => page.order.indexOf(a) - page.order.indexOf(b)).at(-1)!
    const what = verdict.mark.map((snippet) => snippet.name).join(', ')
    const category = categoryFor(tag, found, what, page)
    if (!category) return
    if (categories.length > 1 && !tag.has('data-category')) {
      page.warnings.push({ ...tag.at, message: m.vendorsMixed(what, categories, category) })
    }
    hold(tag, { category, kind: 'inline script', what, moves, script: true }, page)
  } else if (verdict.warn) {
    // The script's first line is on the tag's line when the code starts right after `>`.
    const line = body.startLine + verdict.warn.line - 1
    const column = verdict.warn.line == 1 ? body.startCol + verdict.warn.column - 1 : verdict.warn.column
    page.warnings.push({ line, column, message: verdict.warn.message })
  }
}
