// Every message the scanner prints, in one place: naming the problem and the fix. Each is a builder without the
// prefix; whoever prints a text adds PREFIX (the command), and what API users may catch is a ScanError.

/** Put before a text where it is printed, once. */
export const PREFIX = 'samtykke scan: '

/** What a ScanError is about: */
export type ScanErrorCode =
  /** an option (or the URL, or the --urls file) is wrong, or two options do not go together. */
  | 'BAD_OPTION'
  /** no Chromium or Chrome was found, or it would not start. */
  | 'NO_BROWSER'
  /** the start page could not be loaded as an HTML page. */
  | 'START_PAGE'
  /** the site's sitemap.xml is not a well-formed sitemap. */
  | 'BAD_SITEMAP'
  /** the --declaration file cannot be read or holds no categories. */
  | 'BAD_DECLARATION'
  /** the --accept or --reject selector matched no visible element. */
  | 'SELECTOR_NOT_FOUND'
  /** the report could not be written to --out. */
  | 'OUT_UNWRITABLE'
  /** the scan was stopped (its `signal` aborted, or Ctrl-C): the browser is closed. */
  | 'INTERRUPTED'

/** A scan that could not run (exit 2), told apart by `code`. `message` is one line, without the prefix. */
export class ScanError extends Error {
  override name = 'ScanError'
  constructor(
    readonly code: ScanErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

export const msg = {
  noUrl: () => 'give the site to scan: samtykke scan <url> (or --urls FILE). See samtykke scan --help.',
  badUrl: (url: string) => `"${url}" is not a valid http(s) URL: give one like https://www.example.no/`,
  badMaxPages: (v: string) => `--max-pages must be a whole number of at least 1 (got ${v})`,
  badNumber: (flag: string, v: string) => `${flag} must be a positive number (got ${v})`,
  noChromium: (tried: string[]) =>
    `no Chromium or Chrome found (looked at ${tried.join(', ')}). ` +
    'Install one (Debian/Ubuntu: sudo apt-get install chromium), ' +
    'or give its path with --browser PATH or CHROMIUM_PATH.',
  browserMissing: (path: string) =>
    `no browser at ${path} (from --browser or CHROMIUM_PATH): ` +
    'check the path, or install Chromium (apt-get install chromium).',
  launchFailed: (path: string, why: string) => `could not start the browser at ${path}: ${why}`,
  urlsFile: (file: string, why: string) => `could not read --urls ${file}: ${why}`,
  urlsEmpty: (file: string) => `--urls ${file} lists no http(s) URL (one per line; # starts a comment)`,
  urlsOtherSite: (url: string, site: string) =>
    `--urls lists ${url}, which is not on the site ${site}: scan one site at a time`,
  unreachable: (url: string) =>
    `could not reach ${url}: the host name does not resolve. Check the URL and your network.`,
  refused: (url: string) => `could not reach ${url}: connection refused. Is the site running on that port?`,
  tls: (url: string, code: string) =>
    `${url} has a TLS certificate error (${code}). ` +
    'Fix the certificate, or pass --ignore-https-errors to scan anyway (e.g. a local test server).',
  redirectLoop: (url: string) => `${url} redirects in a loop (too many redirects): fix the redirects on the site.`,
  netError: (url: string, code: string) => `could not load ${url}: ${code}`,
  httpStatus: (url: string, status: number) =>
    `the start page ${url} answered HTTP ${status}: scan a page that loads (2xx).`,
  notHtml: (url: string, type: string) =>
    `the start page ${url} is not an HTML page (Content-Type: ${type || 'none'}): scan the site's web page instead.`,
  startTimeout: (url: string, s: number) =>
    `the start page ${url} did not finish loading within ${s} s: raise --timeout, or fix what it waits for.`,
  notXml: (why: string, line: number) => `${why} at line ${line}`,
  notSitemap: () => 'no <urlset> or <sitemapindex> element',
  badSitemap: (url: string, why: string) =>
    `${url} is not a well-formed sitemap (${why}): fix it, or scan without it (--no-sitemap).`,
  declarationFile: (file: string, why: string) => `could not read --declaration ${file}: ${why}`,
  declarationFormat: (file: string) =>
    `--declaration ${file} has no "categories": give samtykke's config (JSON), ` +
    'a page with its <script id="samtykke-config"> block, or a file this tool wrote (declaration.json).',
  outDir: (dir: string, why: string) => `could not write the report to ${dir}: ${why}`,
  selectorNotFound: (which: string, selector: string, url: string) =>
    `--${which} "${selector}" matched no visible element on ${url}`,
  interrupted: () => 'interrupted: the browser is closed.',
  oneUrl: (n: number) => `one URL at a time (got ${n}); list several pages with --urls FILE`,
  acceptRejectPair: () => 'give --accept and --reject together: the scanner needs both buttons to scan both choices',
  unknownOption: (name: string) => `unknown option ${name} (see samtykke scan --help)`,
  badOption: (why: string) => `${why} (see samtykke scan --help)`,
  unexpected: (stack: string) => `failed unexpectedly; please report this with the command you ran: ${stack}`,
  outHint: () => '(no report written: --out DIR writes the HTML report and the draft declaration)',
}

const NET_ERRORS: [RegExp, (url: string, code: string) => string][] = [
  [
    /ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED|ERR_ADDRESS_UNREACHABLE|ERR_INTERNET_DISCONNECTED/,
    msg.unreachable,
  ],
  [/ERR_CONNECTION_REFUSED/, msg.refused],
  [/ERR_CERT_|ERR_SSL_|SSL_PROTOCOL_ERROR|ERR_BAD_SSL/, msg.tls],
  [/ERR_TOO_MANY_REDIRECTS/, msg.redirectLoop],
]

/** Chromium's network error code in a navigation's error (`ERR_CONNECTION_REFUSED`), if it has one. */
export const netCode = (error: unknown) => /net::(ERR_[A-Z_]+)/.exec(String((error as Error)?.message ?? error))?.[1]

/** Why the start page could not be loaded, with what to do about it. */
export function loadError(url: string, error: unknown): ScanError {
  const code = netCode(error) ?? String((error as Error)?.message ?? error).split('\n')[0]
  const known = NET_ERRORS.find(([pattern]) => pattern.test(code))
  return new ScanError('START_PAGE', known ? known[1](url, code) : msg.netError(url, code), { cause: error })
}
