// The page's own config block (`<script type="application/json" id="samtykke-config">`), read as the drop-in reads
// it: the categories and tracker rules to mark the page for, when the caller gives none.
import type { DefaultTreeAdapterMap } from 'parse5'
import { resolveConfig, type SamtykkeConfig, type TrackerRule } from '@samtykke/core'
import type { MarkWarning } from './types'
import { elements } from './walk'
import * as messages from '../messages'

type ParentNode = DefaultTreeAdapterMap['parentNode']
type TextNode = DefaultTreeAdapterMap['textNode']

const isConfigBlock = (element: DefaultTreeAdapterMap['element']) =>
  element.nodeName == 'script' && element.attrs.some((a) => a.name == 'id' && a.value == 'samtykke-config')

/**
 * The page's categories (in order) and tracker rules; undefined, with a warning when it cannot be read, without one.
 */
export function pageConfig(
  doc: ParentNode,
  warnings: MarkWarning[],
): { order: string[]; trackers: TrackerRule[] } | undefined {
  let found
  for (const element of elements(doc)) {
    if (isConfigBlock(element)) {
      found = element
      break
    }
  }
  const text = found?.childNodes[0] as TextNode | undefined
  if (!found || !text) return
  try {
    const config = resolveConfig(JSON.parse(text.value) as SamtykkeConfig)
    return { order: config.order, trackers: config.trackers ?? [] }
  } catch (error) {
    const at = found.sourceCodeLocation!
    warnings.push({ line: at.startLine, column: at.startCol, message: messages.badConfigBlock(error) })
  }
}
