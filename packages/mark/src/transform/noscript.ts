// Where a page's `<noscript>` blocks are. Parsed as if scripting were off, the images of a `<noscript>` fallback are
// elements; in <head>, the parser moves them out of it, so the raw text tells which ones were written inside one.

/**
 * The `<noscript>` blocks of `html`, as [start, end) offsets. (Linear: the lazy `[\s\S]*?` stops at the first
 * `</noscript>` and matches never overlap.)
 */
export function noscriptRanges(html: string): number[][] {
  return [...html.matchAll(/<noscript\b[\s\S]*?(<\/noscript\s*>|$)/gi)].map((r) => [r.index, r.index + r[0].length])
}

/** Whether offset `i` is inside one of `ranges` (sorted, not overlapping): a binary search, as a page can have many. */
export function insideAny(ranges: number[][], i: number): boolean {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (ranges[middle][1] <= i) low = middle + 1
    else if (ranges[middle][0] >= i) high = middle - 1
    else return true
  }
  return false
}
