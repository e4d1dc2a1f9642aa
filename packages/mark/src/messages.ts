// Every warning and error text of samtykke mark, in one place (as core/src/errors.ts is for the runtime): what was
// found, where it is, and what to do about it. Each is a builder without the prefix; whoever prints a text adds
// PREFIX (the command, the middleware's log, the Vite plugin), and what API users may catch is a MarkError.

/** Put before a text where it is printed, once. */
export const PREFIX = 'samtykke mark: '

/** What a MarkError is about: */
export type MarkErrorCode =
  /** markFolder: the folder (or file) it was given cannot be read. */
  | 'FOLDER_UNREADABLE'
  /** the command: an option's value is wrong, or two options do not go together. */
  | 'BAD_OPTION'
  /** the command: the --config file cannot be read, is not JSON, or is not a valid samtykke config. */
  | 'BAD_CONFIG'

/** A failure an API user may catch and tell apart by `code`. `message` is one line, without the prefix. */
export class MarkError extends Error {
  override name = 'MarkError'
  constructor(
    readonly code: MarkErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message

// The transform's warnings: a tracker left as it is (file, line and column are added by whoever prints them).
/** A warning as printed: where it is (`file:line:column`), then the text. */
export const located = (file: string, line: number, column: number, message: string) =>
  `${file}:${line}:${column} warning: ${message}`
export const badConfigBlock = (e: unknown) =>
  `the samtykke-config block cannot be read (${(e as Error).message}): marked with samtykke's default categories`
export const svgTracker = (tag: string, url: string, category: string) =>
  `<${tag}> inside <svg> loads ${url} (${category}), and samtykke cannot hold an SVG element back: left as it is. ` +
  'Load it from an HTML tag (<img>, <script>), which samtykke mark marks, or remove it'
export const clash = (tag: string, what: string, category: string, twice?: string, taken?: string) =>
  `<${tag}> loads ${what} (${category}), but it has ` +
  (twice ? `two ${twice} attributes` : `a ${taken} attribute already`) +
  ': left as it is. Mark it by hand'
export const vendorsMixed = (what: string, categories: string[], category: string) =>
  `one <script> holds ${what} (${categories.join(' and ')}): marked ${category}, so all of it waits for ${category}. ` +
  'Split it into one <script> per vendor to let each load with its own category'
export const twoCategories = (tag: string, a: string, b: string) =>
  `<${tag}> loads trackers of two categories (${a}, ${b}) in src and srcset: left as it is. Mark it by hand`
export const unknownOwnCategory = (tag: string, what: string, own: string, order: string[]) =>
  `<${tag}> loads ${what} before any choice, and its data-category=${JSON.stringify(own)} ` +
  `is none of the site's categories (${order.join(', ')}): left as it is. ` +
  `Set data-category to one of them, and samtykke mark holds it back`
export const unreleasable = (tag: string, attr: string, url: string, category: string, advice: string) =>
  `<${tag} ${attr}> loads ${url} (${category}) before any choice, ` +
  `and samtykke's runtime cannot hold back or release a ${attr} attribute: left as it is. ${advice}`
export const adviceFor: Record<string, string> = {
  poster: 'Give the video a first-party poster, or none',
  data: 'Load it in an <iframe> or <embed>, which samtykke mark marks, or remove it',
  background: 'Set the background in CSS from a first-party URL, or use an <img>, which samtykke mark marks',
  imagesrcset: 'Preload it with href alone, which samtykke mark marks, or remove the preload',
}
/**
 * The note on a tag that had a data-category, but that the browser still fetched (or ran): `live` is what was left
 * live.
 */
export const halfMarked = (live: string[] | 'script') =>
  live == 'script'
    ? 'it had data-category but no type="text/plain", so the browser fetched and ran it before any choice'
    : `it had data-category but a live ${live.join(' and ')}, so the browser fetched it before any choice`
export const inlineUnparsed = (what: string, e: unknown) =>
  `inline <script> names ${what}, but its JavaScript does not parse (${(e as Error).message}): left as it is`
export const inlineMixed = (what: string, other?: string) =>
  `inline <script> loads ${what}, but the same <script> also does other work` +
  (other ? ` (\`${other}…\`)` : '') +
  `: left as it is. Move the tracker's code into a <script> of its own (samtykke mark then marks it), ` +
  'or mark it by hand'
export const inlineNames = (url: string, category: string) =>
  `inline <script> names ${url} (${category}) ` +
  'without loading it as a script, frame or image source (a link, or data): left as it is'

// Why a file was skipped or failed.
export const utf16 = () =>
  'UTF-16 (byte order mark): samtykke mark reads ASCII-compatible encodings only ' +
  '(UTF-8, Windows-1252, ISO-8859-*); save it as UTF-8'
export const binary = () => 'binary content (NUL bytes), not an HTML page'
export const symlink = (out?: string) =>
  `a symbolic link: not followed${out ? `, so not copied to ${out}` : ''} ` +
  '(mark the file it points to; samtykke mark never writes through a link)'
export const symlinkFolder = (out?: string) =>
  'a symbolic link to a folder: not followed, so the pages in it are not marked' +
  (out ? ` and nothing in it is copied to ${out}` : '') +
  ' (mark the folder it points to)'
export const symlinkNotCopied = (out: string) =>
  `a symbolic link: not followed, so not copied to ${out} (copy what it points to there, if the site needs it)`
export const notAFile = () => 'not a regular file'
export const notCopied = (out: string) => `not a regular file: not copied to ${out}`
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1).replace(/\.0$/, '')} MiB`
export const tooLarge = (size: number, limit: number) =>
  `${mib(size)}, over the limit of ${mib(limit)} per file: not read, so nothing in it is marked or checked. ` +
  `Raise the limit with --max-size ${Math.ceil(size / 2 ** 20)} (MiB)`
export const cannotMark = (e: unknown) => `cannot be marked (${(e as Error).message}): left as it is`
export const cannotStat = (e: unknown) => `cannot read it: ${(e as Error).message}`
export const cannotRead = (e: unknown) => `cannot read it (${code(e)}): check its permissions`
export const cannotCopy = (target: string, e: unknown) => `cannot copy it to ${target} (${code(e)})`
export const cannotWrite = (target: string, e: unknown) => `cannot write ${target} (${code(e)}): nothing was written`

// The middleware's log lines (each once per page): a page it sends as it is, unmarked.
export const servedLarge = (path: string, limit: number) =>
  `${path}: larger than ${mib(limit)}, sent as it is, unmarked (raise maxBytes in markMiddleware's options to mark it)`
export const servedUnmarked = (path: string, e: unknown) =>
  `${path}: cannot be marked (${(e as Error).message}): sent as it is, unmarked`
export const reportThrew = (path: string, e: unknown) =>
  `${path}: onReport threw (${(e as Error).message}); the page was sent marked`

// The Vite plugin's line per page.
export const viteMarked = (page: string, tags: number) => `${page}: ${tags} tracker tag${tags == 1 ? '' : 's'} marked`

// The command's own errors.
export const oneFolder = (n: number) => `give one folder (or file) to mark${n ? `, not ${n}` : ''}.`
export const checkWithOut = () => '--check writes nothing, so --out has no use with it: drop one of them.'
export const configUnreadable = (file: string, e: unknown) =>
  `--config ${file}: ` +
  (code(e) == 'ENOENT' ? 'no such file' : code(e) == 'EISDIR' ? 'a folder, not a file' : 'cannot read it') +
  ` (${code(e)}): give the path of the site's samtykke config (JSON)`
export const configNotJson = (file: string, e: unknown) =>
  `--config ${file} is not valid JSON (${(e as Error).message})`
/**
 * The config failed core's check (resolveConfig, as samtykke.js checks it): its message names the field and the
 * value.
 */
export const badConfigFile = (file: string, e: unknown) =>
  `--config ${file}: ${(e as Error).message.replace(/^samtykke: /, '')}`
export const scriptWithoutConfig = () =>
  '--script needs --config FILE: the config block it writes into each page comes from that file.'
export const badScript = (v: string) =>
  `--script must be the URL of samtykke.js, such as /samtykke/samtykke.js (got ${JSON.stringify(v)})`
export const badMaxSize = (v: string) =>
  `--max-size must be a size in MiB above 0, such as 64 (got ${JSON.stringify(v)})`
export const stopped = (by: string) => `Stopped (${by}): the files above were done; no file was left half-written.`
export const cannotOpen = (path: string, e: unknown) => `cannot read ${path}: ${(e as Error).message}`
