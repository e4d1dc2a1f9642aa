// The Vite plugin: marks the tracker tags of every HTML page Vite builds or serves in dev (transformIndexHtml),
// after Vite's own changes. No import from vite: the plugin is a plain object of the shape Vite expects.
import { markHtml, type MarkOptions, type MarkResult } from '../transform'
import * as messages from '../messages'

export interface VitePluginOptions extends MarkOptions {
  /** Called once per page with what was marked and left; the default prints a line per page and every warning. */
  onReport?: (page: string, result: MarkResult) => void
}

/** The subset of Vite's Plugin type this plugin fills in (structurally a Vite `Plugin`). */
export interface SamtykkeVitePlugin {
  name: string
  enforce: 'post'
  transformIndexHtml: { order: 'post'; handler: (html: string, ctx: { path: string; filename: string }) => string }
}

const print = (page: string, result: MarkResult) => {
  if (result.changes.length) console.info(messages.PREFIX + messages.viteMarked(page, result.changes.length))
  for (const warning of result.warnings) {
    console.warn(messages.PREFIX + messages.located(page, warning.line, warning.column, warning.message))
  }
}

/**
 * `plugins: [samtykkeMark()]` in vite.config: every page's tracker tags are marked before the browser sees them, in
 * `vite build` and in the dev server alike.
 */
export function samtykkeMark(options: VitePluginOptions = {}): SamtykkeVitePlugin {
  const { onReport = print, ...markOptions } = options
  return {
    name: 'samtykke-mark',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const result = markHtml(html, markOptions)
        onReport(ctx.path, result)
        return result.html
      },
    },
  }
}
