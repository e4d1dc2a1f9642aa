// @samtykke/mark — the public API. Named exports only.
export { markHtml, markBytes } from './transform'
export type { MarkOptions, MarkResult, Change, MarkWarning, Edit } from './transform'
export { SNIPPETS } from './transform/snippets'
export type { Snippet } from './transform/snippets'
export { markFolder, writeAtomic } from './folder'
export type { FolderOptions, FileReport } from './folder'
