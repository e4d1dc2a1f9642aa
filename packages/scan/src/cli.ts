// `samtykke scan <url>`: the verdict on stderr (with progress), `--json` on stdout, exit 0 clean / 1 leak / 2 error.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { constants } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { compareDeclaration, draftDeclaration, readDeclaration, type Undeclared } from './declaration'
import { msg, PREFIX, ScanError } from './errors'
import { htmlReport, summary } from './report'
import { scan } from './scan'
import type { ScanOptions, ScanResult } from './types'

export const HELP = `Usage: samtykke scan <url> [options]

Visits the site in Chromium three times, each in a fresh profile: before any choice, after "reject all" and after
"accept all" (made through window.samtykke, vanilla-cookieconsent, DuckDuckGo's autoconsent rules for other consent
tools, or --accept/--reject), and records every cookie,
storage key and third-party request, with the script or tag behind it.

Exit code: 0 no leak, 1 a leak (a non-necessary cookie, storage key or tracker request before any choice or after
"reject all"; or, with --declaration, something the declaration does not list), 2 the scan could not run.

Options:
  --max-pages N          at most N pages (default 20): the start page, sitemap.xml, then links, in that order
  --urls FILE            scan exactly these pages (one URL a line; # comments) instead of crawling
  --no-sitemap           do not read /sitemap.xml
  --timeout S            seconds per page before it is skipped (default 20)
  --json                 the full result as JSON on stdout (pages, cookies, storage, requests, leaks)
  --out DIR              write DIR/report.html (with a screenshot) and DIR/declaration.json (draft declaration);
                         default ./samtykke-scan, except with --json
  --no-report            write no report files
  --declaration FILE     also fail on a cookie or vendor that FILE (samtykke config JSON, or an HTML page with its
                         <script id="samtykke-config"> block) does not list
  --accept CSS           the consent tool's "accept all" button (with --reject: for tools samtykke does not know)
  --reject CSS           its "reject all" button
  --no-autoconsent       do not look for other consent tools' banners (DuckDuckGo's autoconsent rules)
  --browser PATH         Chromium or Chrome (default: CHROMIUM_PATH, /usr/bin/chromium, Chrome's usual places)
  --browser-arg ARG      an extra Chromium switch (repeatable), e.g. --browser-arg=--proxy-server=http://proxy:3128
  --ignore-https-errors  scan a site with a certificate error (a local test server)
  --quiet                no progress display
  -h, --help             this text
`

interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  isTTY?: boolean
}

const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: process.stderr.isTTY,
}

/**
 * The command on this process. Ctrl-C (or SIGTERM) closes the browser, and it exits as a shell reports a process a
 * signal ended: 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM). A second signal exits at once.
 */
export async function main(argv: string[]): Promise<number> {
  const stop = new AbortController()
  let received: NodeJS.Signals | undefined
  const onSignal = (name: NodeJS.Signals) => {
    if (received) process.exit(signalExitCode(name))
    received = name
    stop.abort()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const code = await run(argv, processIo, stop.signal)
    // run() has closed the browser and said so.
    if (received) process.exit(signalExitCode(received))
    return code
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** As a shell reports a process a signal ended: 128 + the signal's number. */
const signalExitCode = (name: NodeJS.Signals) => 128 + constants.signals[name]

const OPTIONS = {
  'max-pages': { type: 'string' },
  urls: { type: 'string' },
  'no-sitemap': { type: 'boolean' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  'no-report': { type: 'boolean' },
  declaration: { type: 'string' },
  accept: { type: 'string' },
  reject: { type: 'string' },
  'no-autoconsent': { type: 'boolean' },
  browser: { type: 'string' },
  'browser-arg': { type: 'string', multiple: true },
  'ignore-https-errors': { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']

/** The command with its output streams given: `main` is this on process.stdout/stderr. */
export async function run(argv: string[], io: Io = processIo, signal?: AbortSignal): Promise<number> {
  let args
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS })
  } catch (error) {
    const text = (error as Error).message
    const unknown = /Unknown option '([^']+)'/.exec(text)?.[1]
    io.stderr(PREFIX + (unknown ? msg.unknownOption(unknown) : msg.badOption(text.split('\n')[0])) + '\n')
    return 2
  }
  const { values, positionals } = args
  if (values.help) {
    io.stdout(HELP)
    return 0
  }
  try {
    return await scanAndReport(values, positionals, io, signal)
  } catch (error) {
    if (error instanceof ScanError) {
      io.stderr(PREFIX + error.message + '\n')
      return 2
    }
    io.stderr(PREFIX + msg.unexpected((error as Error)?.stack ?? String(error)) + '\n')
    return 2
  }
}

/** Scans as the options ask, writes the report files, prints the verdict: the exit code (0 clean, 1 a leak). */
async function scanAndReport(values: Values, positionals: string[], io: Io, signal?: AbortSignal): Promise<number> {
  // The report goes to ./samtykke-scan unless asked otherwise; --json alone is for machines and writes no files.
  const outDir = values['no-report'] ? undefined : (values.out ?? (values.json ? undefined : 'samtykke-scan'))
  const options = scanOptions(values, positionals)
  const declaration = values.declaration ? readDeclaration(values.declaration) : null
  const progress = !values.quiet
  const result: ScanResult = await scan({
    ...options,
    screenshot: !!outDir,
    signal,
    onProgress: progress ? progressPrinter(io) : undefined,
  })
  if (progress && io.isTTY) io.stderr('\r\x1b[K')

  const undeclared: Undeclared[] | null = declaration ? compareDeclaration(result, declaration) : null
  const files = outDir ? writeReport(resolve(outDir), result, undeclared) : []
  if (values.json) {
    const { screenshot: _screenshot, ...json } = result
    io.stdout(JSON.stringify({ ...json, undeclared, declaration: draftDeclaration(result) }, null, 2) + '\n')
  }
  io.stderr(summary(result, undeclared, files))
  if (!outDir) io.stderr(msg.outHint() + '\n')
  return result.leaks.length || undeclared?.length ? 1 : 0
}

const badOption = (message: string) => new ScanError('BAD_OPTION', message)

/**
 * The scan the options ask for (without the screenshot, the signal and the progress); a ScanError says what is wrong.
 */
function scanOptions(values: Values, positionals: string[]): ScanOptions {
  const urls = values.urls ? readUrls(values.urls) : undefined
  const url = positionals[0] ?? urls?.[0]
  if (!url) throw badOption(msg.noUrl())
  if (positionals.length > 1) throw badOption(msg.oneUrl(positionals.length))
  let maxPages = 20
  if (values['max-pages'] !== undefined) {
    maxPages = Number(values['max-pages'])
    if (!/^\s*\d+\s*$/.test(values['max-pages']) || maxPages < 1) throw badOption(msg.badMaxPages(values['max-pages']))
  }
  let timeout = 20_000
  if (values.timeout !== undefined) {
    timeout = Number(values.timeout) * 1000
    if (!(timeout > 0)) throw badOption(msg.badNumber('--timeout', values.timeout))
  }
  if (!!values.accept != !!values.reject) throw badOption(msg.acceptRejectPair())
  if (!isHttpUrl(url)) throw badOption(msg.badUrl(url))
  return {
    url,
    urls,
    maxPages,
    timeout,
    sitemap: !values['no-sitemap'],
    browser: values.browser,
    browserArgs: values['browser-arg'],
    ignoreHttpsErrors: values['ignore-https-errors'],
    accept: values.accept,
    reject: values.reject,
    autoconsent: !values['no-autoconsent'],
  }
}

const isHttpUrl = (url: string) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)

/** The pages a --urls file lists: one URL a line, # starts a comment. */
function readUrls(file: string): string[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code == 'ENOENT' ? 'no such file' : (error as Error).message
    throw badOption(msg.urlsFile(file, why))
  }
  const urls = text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
  for (const url of urls) if (!/^https?:\/\//.test(url)) throw badOption(msg.badUrl(url))
  if (!urls.length) throw badOption(msg.urlsEmpty(file))
  return urls
}

/** The progress display: one line rewritten in a terminal, else a line per page. */
function progressPrinter(io: Io): NonNullable<ScanOptions['onProgress']> {
  let last = ''
  return (progress) => {
    const line = `[${progress.phase} ${progress.index}/${progress.total}] ${progress.url}`
    if (io.isTTY) io.stderr(`\r\x1b[K${line.slice(0, 120)}`)
    else if (line != last) io.stderr(line + '\n')
    last = line
  }
}

/** Writes report.html and declaration.json into `dir`: their paths. */
function writeReport(dir: string, result: ScanResult, undeclared: Undeclared[] | null): string[] {
  const files = [join(dir, 'report.html'), join(dir, 'declaration.json')]
  try {
    mkdirSync(dir, { recursive: true })
    writeFileSync(files[0], htmlReport(result, undeclared))
    writeFileSync(files[1], JSON.stringify(draftDeclaration(result), null, 2) + '\n')
  } catch (error) {
    throw new ScanError('OUT_UNWRITABLE', msg.outDir(dir, (error as Error).message), { cause: error })
  }
  return files
}
