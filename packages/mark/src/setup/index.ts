// Setting a page up for the drop-in (`samtykke mark --config FILE --script URL`): the config block and the
// samtykke.js tag, first in <head>, so that the blocker runs before any tracker the page has. Like the marking, these
// are edits to the page's own text: every byte outside them stays as it was, and a second run changes nothing.
import type { DefaultTreeAdapterMap } from 'parse5'
import { SAMTYKKE_SCRIPT, pathOf } from '../transform/tags/script'
import type { Edit, SetupOptions } from '../transform/types'
import { elements } from '../transform/walk'

export type { SetupOptions } from '../transform/types'

type Element = DefaultTreeAdapterMap['element']
type ParentNode = DefaultTreeAdapterMap['parentNode']
type TextNode = DefaultTreeAdapterMap['textNode']

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name == name)?.value

/**
 * The config as block text: JSON, indented like the page, with `<`, `>`, `&` and every non-ASCII character escaped
 * (`\u00e6`): the block cannot end early (`</script>` in a text), and reads the same in a UTF-8 or a Latin-1 page.
 */
export function blockText(config: object, newline = '\n'): string {
  return JSON.stringify(config, null, 2)
    .replace(/[<>&\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
    .replace(/\n/g, newline)
}

/** Whether the block's text is this config already, in whatever formatting (and in UTF-8 or one byte per character). */
function sameConfig(text: string, config: object): boolean {
  const want = JSON.stringify(config)
  for (const candidate of [text, Buffer.from(text, 'latin1').toString('utf8')]) {
    try {
      if (JSON.stringify(JSON.parse(candidate)) == want) return true
    } catch {}
  }
  return false
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')

/** The line break and indentation that follow `at`, or that begin the line `at` is on, to insert text that fits. */
function indentAt(html: string, at: number): { newline: string; indent: string } {
  const after = /^(\r?\n)([ \t]*)/.exec(html.slice(at, at + 256))
  if (after) return { newline: after[1], indent: after[2] }
  const lineStart = html.lastIndexOf('\n', at - 1) + 1
  const before = /^[ \t]*/.exec(html.slice(lineStart, at))![0]
  return { newline: html[lineStart - 2] == '\r' ? '\r\n' : '\n', indent: before }
}

/**
 * Where the pair goes: right after `<head>` (after a `<meta charset>` that comes first, which must stay in the page's
 * first 1024 bytes), else where <head> would begin.
 */
function insertionPoint(doc: ParentNode, bom: number): number {
  let html: Element | undefined
  let head: Element | undefined
  for (const el of elements(doc)) {
    if (el.nodeName == 'html') html ??= el
    if (el.nodeName == 'head') {
      head = el
      break
    }
  }
  const first = head?.childNodes.find((n): n is Element => 'tagName' in n)
  const charset =
    first?.nodeName == 'meta' &&
    (attr(first, 'charset') != null || attr(first, 'http-equiv')?.toLowerCase() == 'content-type')
  if (charset && first.sourceCodeLocation) return first.sourceCodeLocation.endOffset
  const headTag = head?.sourceCodeLocation?.startTag
  if (headTag) return headTag.endOffset
  if (first?.sourceCodeLocation) return first.sourceCodeLocation.startOffset
  const htmlTag = html?.sourceCodeLocation?.startTag
  if (htmlTag) return htmlTag.endOffset
  const doctype = doc.childNodes.find((n) => n.nodeName == '#documentType')
  return Math.max(bom, doctype?.sourceCodeLocation?.endOffset ?? 0)
}

/**
 * Puts the config block and the samtykke.js tag first in the page's <head>, or brings them up to date there, adding
 * the edits to `edits`. Returns what it did, in words for the report (empty: the page was set up already). A pair
 * that is in place (the block, then the tag, before any other script) is updated where it is; one that is not (or
 * half of one) is moved up, so that nothing runs before the blocker.
 */
export function setupPage(doc: ParentNode, html: string, options: SetupOptions, edits: Edit[], bom = 0): string[] {
  let block: Element | undefined
  let tag: Element | undefined
  let otherScript = false
  let tagAfterOther = false
  for (const el of elements(doc)) {
    if (el.nodeName != 'script' || !el.sourceCodeLocation) continue
    const src = attr(el, 'src')
    if (attr(el, 'id') == 'samtykke-config') block ??= el
    else if (!tag && src != null && (src.trim() == options.script || SAMTYKKE_SCRIPT.test(pathOf(src)))) {
      tag = el
      tagAfterOther = otherScript
    } else otherScript = true
  }
  const blockFirst = block && tag && block.sourceCodeLocation!.startOffset < tag.sourceCodeLocation!.startOffset
  if (blockFirst && !tagAfterOther) return updateInPlace(block!, tag!, html, options, edits)

  const at = insertionPoint(doc, bom)
  const { newline, indent } = indentAt(html, at)
  const sep = /^\r?\n/.test(html.slice(at)) ? newline + indent : ''
  for (const el of [block, tag])
    if (el) edits.push({ start: el.sourceCodeLocation!.startOffset, end: el.sourceCodeLocation!.endOffset, text: '' })
  edits.push({
    start: at,
    end: at,
    text:
      `${sep}<script type="application/json" ` +
      `id="samtykke-config">` +
      `${newline}${indent}${blockText(options.config, newline + indent)}${newline}${indent}</script>` +
      `${sep}<script src="${escapeAttr(options.script)}"></script>`,
  })
  const found = [block && 'config block', tag && 'samtykke.js'].filter(Boolean)
  return [
    found.length
      ? `${found.join(' and ')} moved first in <head> and updated`
      : 'config block and samtykke.js added first in <head>',
  ]
}

function updateInPlace(block: Element, tag: Element, html: string, options: SetupOptions, edits: Edit[]): string[] {
  const done: string[] = []
  const loc = block.sourceCodeLocation!
  const text = (block.childNodes[0] as TextNode | undefined)?.value ?? ''
  if (!sameConfig(text, options.config) && loc.startTag && loc.endTag) {
    const { newline, indent } = indentAt(html, loc.startOffset)
    const lineIndent = /^\r?\n/.test(html.slice(loc.startTag.endOffset)) ? indent : ''
    edits.push({
      start: loc.startTag.endOffset,
      end: loc.endTag.startOffset,
      text: `${newline}${lineIndent}${blockText(options.config, newline + lineIndent)}${newline}${lineIndent}`,
    })
    done.push('config block updated')
  }
  const src = tag.sourceCodeLocation!.attrs?.src
  if (attr(tag, 'src')!.trim() != options.script && src) {
    edits.push({ start: src.startOffset, end: src.endOffset, text: `src="${escapeAttr(options.script)}"` })
    done.push(`samtykke.js now loaded from ${options.script}`)
  }
  return done
}
