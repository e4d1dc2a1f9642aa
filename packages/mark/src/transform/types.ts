// The transform's public types: what markHtml takes and what it gives back.
import type { TrackerRule } from '@samtykke/core'

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
  /**
   * Also set the page up for the drop-in: write (or update) the config block and the samtykke.js tag first in its
   * `<head>`. Pass the categories and trackers of the same config, so that the tags are marked for them.
   */
  setup?: SetupOptions
}

/** One tag that was marked. */
export interface Change {
  line: number
  column: number
  /** `script`, `inline script`, `img`, `iframe`, `input type=image`, `link rel=preload`, `noscript img`… */
  kind: string
  category: string
  /** The tracker URL, or the vendors of an inline snippet. */
  what: string
  /** Set when the tag had a `data-category` already, but the browser still fetched or ran it: what was missing. */
  note?: string
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
  /** With the `setup` option: what setting the page up changed, in words (empty when it was set up already). */
  setup?: string[]
}

/** What `setup` writes first in each page's <head> (`samtykke mark --config FILE --script URL`). */
export interface SetupOptions {
  /**
   * The site's config as the site wrote it (checked by the caller with core's resolveConfig): the page's config block.
   */
  config: object
  /** The drop-in's URL, for the script tag's `src` (e.g. `/samtykke/samtykke.js`). */
  script: string
}
