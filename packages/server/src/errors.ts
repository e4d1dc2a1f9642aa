// Every message the consent log prints or answers, in one place: naming the field, the value and the fix. Each is a
// builder without the prefix; whoever prints or answers a text adds PREFIX (the command, the server's warn, an HTTP
// error answer: http/fail.ts), and what API users may catch is a ServeError.

/** Put before a text where it is printed or answered, once. */
export const PREFIX = 'samtykke serve: '
/** `samtykke serve verify`'s own lines. */
export const VERIFY_PREFIX = 'samtykke serve verify: '

/** What a ServeError is about: */
export type ServeErrorCode =
  /** an option's value is wrong (a port, the retention, the rate limit, --trust-proxy, --ip). */
  | 'BAD_OPTION'
  /** a site's origin is not an http(s) URL. */
  | 'BAD_SITE'
  /** a site's config cannot be read, is not JSON, or is not a valid samtykke config. */
  | 'BAD_CONFIG'
  /** the data folder is in use by another samtykke serve (lockDataDir). */
  | 'DATA_IN_USE'
  /** the data folder's lock, left by a process that is gone, could not be taken over (lockDataDir). */
  | 'LOCK_STUCK'
  /** the journal's folder cannot be written: every receipt would be refused. */
  | 'JOURNAL_UNWRITABLE'

/** A failure an API user may catch and tell apart by `code`. `message` is one line, without the prefix. */
export class ServeError extends Error {
  override name = 'ServeError'
  constructor(
    readonly code: ServeErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

export const fieldError = (field: string, problem: string) => `${field}: ${problem}`
/** A category name that @samtykke/core's CATEGORY_NAME refuses (so no config the core takes has it). */
export const badCategoryName = (name: string) =>
  fieldError(
    `categories.${name.slice(0, 40)}`,
    'is not a category name: a lowercase letter, then up to 23 letters, digits, - or _, ' +
      `as in the site's config (got ${JSON.stringify(name.slice(0, 40))})`,
  )
// The HTTP answers (`{ error }`, prefixed where they are sent: http/fail.ts).
export const notReceiptType = 'send the receipt as text/plain or application/json'
export const internalError = 'internal error'
export const notFound = (method: string, path: string) =>
  `no ${method} ${path} here; see the API in @samtykke/server's README`
export const noBody = fieldError('body', 'is missing (post the receipt as JSON)')
export const unknownCategory = (name: string, site: string, categories: string[]) =>
  fieldError(`categories.${name}`, `is not a category of ${site} (it has ${categories.join(', ')})`)
export const badConsentId = fieldError('consentId', 'must be 16–64 letters, digits, - or _')
export const noReceipts = (consentId: string) => `no receipts for consent ID ${consentId}`
export const lookupDbDown = 'the database is unavailable; retry later'
export const badFormat = fieldError('format', 'must be ndjson or csv')
export const badTime = (field: 'from' | 'to') => fieldError(field, 'must be a date or time (2026-12-01 or ISO 8601)')
export const tooLarge = (limit: number) =>
  `the receipt is larger than ${limit} bytes; samtykke's receipts are well under 1 KB`
export const badOrigin = (origin: string) =>
  `origin ${origin} may not send receipts here; start the server with --site ${origin} (or SAMTYKKE_SITES) to allow it`
/** The log's line for a refused origin (at most once a minute each): `more` were refused since its last line. */
export const refusedOrigin = (origin: string, more: number) =>
  `refused a receipt from ${origin}${more ? ` (and ${more} more since the last line)` : ''}: ` +
  'it is not one of the --site origins. ' +
  `If it is your site, start the server with --site ${origin} (or add it to SAMTYKKE_SITES)`
export const urlOriginMismatch = (origin: string, urlOrigin: string) =>
  `url: the page (${urlOrigin}) is not on the sending origin (${origin})`
export const dbDown = 'the database is unavailable; the receipt was not stored. Retry later (the client keeps it).'
export const busy = 'too many receipts waiting to be stored; retry in a moment'
export const noToken =
  'this endpoint is off: start the server with SAMTYKKE_TOKEN=<a long random string> in its environment to use it'
export const badToken = 'a wrong or missing token: send "Authorization: Bearer <SAMTYKKE_TOKEN>"'
export const rateLimited = (max: number, window: string) =>
  `more than ${max} requests per ${window} from this address; retry later`
// The sites (--site, SAMTYKKE_SITES, ServeOptions.sites).
export const originNotUrl = (origin: string) =>
  `site origin ${JSON.stringify(origin)} is not a URL; give it as https://www.example.no`
export const originNotHttp = (origin: string) => `site origin ${origin} must be http(s)`
export const badSiteConfig = (origin: string, problem: string) => `the config of ${origin}: ${problem}`
export const notAConfig = (file: string, reason: string) =>
  `${file} is not a samtykke config (JSON, or an HTML page with <script id="samtykke-config">): ${reason}`
// What the server says while it runs (its `warn` adds the prefix).
export const replayed = (n: number) => `replayed ${n} receipt(s) from the journal that the database lacked`
export const retentionFailed = (reason: string) => `retention failed: ${reason}`
export const dataInUse = (dir: string, pid: number) =>
  `the data folder ${dir} is in use by another samtykke serve (pid ${pid}). ` +
  'PGlite corrupts a folder two processes open: stop that server, ' +
  'or give this one another --data folder (or use DATABASE_URL for several servers).'
export const retentionTooShort = (months: number, min: number, days: number) =>
  `--retention-months ${months} is shorter than the consent lifetime (${days} days) ` +
  `plus a one-month dispute window: use at least ${min}`
export const tornJournal = (file: string, bytes: number) =>
  `warning: ${file} ends in an incomplete entry (${bytes} bytes; the process stopped while writing it). ` +
  'It was never acknowledged: skipped.'
export const badJournalLine = (file: string, line: number) =>
  `warning: ${file} line ${line} is not a journal entry: skipped. Keep the file for inspection.`
export const setAside = (segment: string, pos: number, reason: string, rejects: string) =>
  `warning: a receipt in ${segment} (the line ending at byte ${pos}) can never be stored: ${reason}. ` +
  `It was set aside in ${rejects} with the reason; the log starts without it.`
/** Why a journal line could not be written (its reason in journalDown): the disk took part of it, then nothing. */
export const shortWrite = (done: number, total: number) => `wrote ${done} of ${total} bytes, then nothing more`
export const unstorable = (reason: string) =>
  `the receipt cannot be stored (${reason}); it was not stored, and sending it again will not help`
export const lockStuck = (file: string) =>
  `could not take the lock ${file}: a process that is gone left it, ` +
  'and another start was removing it (or stopped while it did). ' +
  `If no samtykke serve runs on this folder, remove ${file} and any ${file}.stale-* beside it.`
export const journalDown = (reason: string) =>
  `the journal cannot be written (${reason}); the receipt was not stored. Retry later (the client keeps it).`
export const journalUnwritable = (dir: string, reason: string) =>
  `the journal folder ${dir} cannot be written (${reason}): every receipt would be refused. ` +
  `Give this user (uid ${process.getuid?.() ?? '?'}) write access to it, or use another --data folder.`
export const badTrustProxy = (got: string) =>
  '--trust-proxy takes the number of proxies in front (1–32; given alone: 1) or their addresses, ' +
  `e.g. 10.0.0.0/8,loopback (got ${JSON.stringify(got)})`
export const tokenOnCommandLine =
  "warning: --token shows the token to every user of this machine (ps lists a process's arguments). " +
  'Set it in the environment instead: SAMTYKKE_TOKEN=<token> samtykke serve'

// The command line's own messages (its `run` adds the prefix where it prints them).
export const noReceiptsYet = 'no receipts stored yet'
export const unknownCommand = (words: string) => `unknown command "${words}"; try samtykke serve --help`
export const badPort = (got: string | undefined) => `--port ${got} is not a port number`
export const badRetention = (got: string) => `--retention-months must be a whole number of months (got ${got})`
export const badIp = (got: string) => `--ip takes only "truncated" (got ${got}); without it no IP is kept`
export const badRate = (got: string) => `--rate-limit must be a whole number of receipts per minute (got ${got})`
export const unreadableConfig = (origin: string, reason: string) => `cannot read the config of ${origin}: ${reason}`
export const listening = (url: string, where: string) => `listening on ${url}, storing in ${where}`
export const stopping = 'stopping (storing what was handed in)…'
