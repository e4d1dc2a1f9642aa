// @samtykke/mark — the public API. Named exports only.
export { markHtml } from './transform'
export type { MarkOptions, MarkResult, Change, MarkWarning, Edit } from './transform'
export { SNIPPETS } from './transform/snippets'
export type { Snippet } from './transform/snippets'
