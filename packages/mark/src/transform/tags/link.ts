// <link rel=preload|prefetch|preconnect|stylesheet|…>: a tracker's link is held with its `href` moved to `data-src`,
// which samtykke's runtime gives back as `href` once its category is granted.
import { categoryFor, hold, type Page, type Tag } from './tag'

/** `<link rel>` values that make the browser fetch or connect. */
const FETCHING_RELS = new Set([
  'preload',
  'prefetch',
  'preconnect',
  'dns-prefetch',
  'modulepreload',
  'prerender',
  'stylesheet',
  'icon',
  'shortcut',
  'apple-touch-icon',
  'manifest',
])

export function markLink(tag: Tag, page: Page): void {
  const href = tag.attribute('href')
  const rels = (tag.attribute('rel') ?? '').toLowerCase().split(/\s+/)
  if (href == null || !rels.some((rel) => FETCHING_RELS.has(rel))) return
  const found = page.category(href)
  const category = found && categoryFor(tag, found, href.trim(), page)
  if (!category) return
  hold(tag, { category, kind: `link rel=${rels.join(' ')}`, what: href.trim(), moves: [['href', 'data-src']] }, page)
}
