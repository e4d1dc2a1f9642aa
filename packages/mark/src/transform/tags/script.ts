// <script src>: a tracker's script is held as `<script type="text/plain" data-category>` (a `type` it had moves to
// `data-type`), which samtykke's runtime runs as a fresh copy once its category is granted. Inline scripts go to
// ./inline-script; the samtykke script itself and its config block are never touched.
import { markInlineScript } from './inline-script'
import { categoryFor, hold, type Page, type Tag } from './tag'

/** The `type`s a browser runs as JavaScript (any other is data, or a template: left alone). */
const JS_TYPES = /^(|module|(text|application)\/(x-)?(java|ecma)script|text\/(javascript1\.[0-5]|jscript|livescript))$/

/** The path of samtykke.js itself, minified or not. */
export const SAMTYKKE_SCRIPT = /(^|\/)samtykke(\.min)?\.js([?#]|$)/

/** The path of a script's URL, or '' when it is no URL at all. */
export function pathOf(src: string): string {
  try {
    return new URL(src.trim(), 'https://x.invalid/').pathname
  } catch {
    return ''
  }
}

export function markScript(tag: Tag, page: Page): void {
  const type = (tag.attribute('type') ?? '').trim().toLowerCase()
  const src = tag.attribute('src')
  if (!JS_TYPES.test(type) || tag.attribute('id') == 'samtykke-config') return
  if (src && SAMTYKKE_SCRIPT.test(pathOf(src))) return
  const moves: [string, string][] = tag.has('type') ? [['type', 'data-type']] : []
  if (src == null) return markInlineScript(tag, type == 'module', moves, page)
  const found = page.category(src)
  const category = found && categoryFor(tag, found, src.trim(), page)
  if (category) hold(tag, { category, kind: 'script', what: src.trim(), moves, script: true }, page)
}
