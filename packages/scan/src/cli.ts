// `samtykke scan <url>`: the verdict on stderr (with progress), `--json` on stdout, exit 0 clean / 1 leak / 2 error.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { compareDeclaration, draftDeclaration, readDeclaration, type Undeclared } from './declaration'
import { msg, PREFIX, ScanError } from './errors'
import { htmlReport, summary } from './report'
import { scan } from './scan'
import type { ScanResult } from './types'

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
  stdout: (s: string) => void
  stderr: (s: string) => void
  isTTY?: boolean
}

const processIo: Io = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  isTTY: process.stderr.isTTY,
}

export async function main(argv: string[]): Promise<number> {
  const ac = new AbortController()
  let interrupted = false
  const onSignal = () => {
    if (interrupted) process.exit(130)
    interrupted = true
    ac.abort()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const code = await run(argv, processIo, ac.signal)
    // run() has closed the browser and said so; 130 is the shell's code for an interrupt.
    if (interrupted) process.exit(130)
    return code
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** The command with its output streams given: `main` is this on process.stdout/stderr. */
export async function run(argv: string[], io: Io = processIo, signal?: AbortSignal): Promise<number> {
  let args
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
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
      },
    })
  } catch (e) {
    const unknown = /Unknown option '([^']+)'/.exec((e as Error).message)?.[1]
    io.stderr(
      PREFIX + (unknown ? msg.unknownOption(unknown) : msg.badOption((e as Error).message.split('\n')[0])) + '\n',
    )
    return 2
  }
  const { values: o, positionals } = args
  if (o.help) {
    io.stdout(HELP)
    return 0
  }
  try {
    // The report goes to ./samtykke-scan unless asked otherwise; --json alone is for machines and writes no files.
    const outDir = o['no-report'] ? undefined : (o.out ?? (o.json ? undefined : 'samtykke-scan'))
    let urls: string[] | undefined
    if (o.urls) {
      let text: string
      try {
        text = readFileSync(o.urls, 'utf8')
      } catch (e) {
        throw new ScanError(
          msg.urlsFile(o.urls, (e as NodeJS.ErrnoException).code == 'ENOENT' ? 'no such file' : (e as Error).message),
        )
      }
      urls = text
        .split(/\r?\n/)
        .map((l) => l.replace(/#.*/, '').trim())
        .filter(Boolean)
      for (const u of urls) if (!/^https?:\/\//.test(u)) throw new ScanError(msg.badUrl(u))
      if (!urls.length) throw new ScanError(msg.urlsEmpty(o.urls))
    }
    const url = positionals[0] ?? urls?.[0]
    if (!url) throw new ScanError(msg.noUrl())
    if (positionals.length > 1) throw new ScanError(msg.oneUrl(positionals.length))
    let maxPages = 20
    if (o['max-pages'] !== undefined) {
      maxPages = Number(o['max-pages'])
      if (!/^\s*\d+\s*$/.test(o['max-pages']) || maxPages < 1) throw new ScanError(msg.badMaxPages(o['max-pages']))
    }
    let timeout = 20_000
    if (o.timeout !== undefined) {
      timeout = Number(o.timeout) * 1000
      if (!(timeout > 0)) throw new ScanError(msg.badNumber('--timeout', o.timeout))
    }
    if (!!o.accept != !!o.reject) throw new ScanError(msg.acceptRejectPair())
    if (!/^https?:$/.test(URL.parse(url)?.protocol ?? '')) throw new ScanError(msg.badUrl(url))
    const declaration = o.declaration ? readDeclaration(o.declaration) : null

    const progress = !o.quiet
    let last = ''
    const result: ScanResult = await scan({
      url,
      urls,
      maxPages,
      timeout,
      sitemap: !o['no-sitemap'],
      browser: o.browser,
      browserArgs: o['browser-arg'],
      ignoreHttpsErrors: o['ignore-https-errors'],
      accept: o.accept,
      reject: o.reject,
      autoconsent: !o['no-autoconsent'],
      screenshot: !!outDir,
      signal,
      onProgress: progress
        ? (p) => {
            const line = `[${p.phase} ${p.index}/${p.total}] ${p.url}`
            if (io.isTTY) io.stderr(`\r\x1b[K${line.slice(0, 120)}`)
            else if (line != last) io.stderr(line + '\n')
            last = line
          }
        : undefined,
    })
    if (progress && io.isTTY) io.stderr('\r\x1b[K')

    const undeclared: Undeclared[] | null = declaration ? compareDeclaration(result, declaration) : null
    const files: string[] = []
    if (outDir) {
      const dir = resolve(outDir)
      try {
        mkdirSync(dir, { recursive: true })
        writeFileSync(join(dir, 'report.html'), htmlReport(result, undeclared))
        writeFileSync(join(dir, 'declaration.json'), JSON.stringify(draftDeclaration(result), null, 2) + '\n')
      } catch (e) {
        throw new ScanError(msg.outDir(dir, (e as Error).message))
      }
      files.push(join(dir, 'report.html'), join(dir, 'declaration.json'))
    }
    if (o.json) {
      const { screenshot: _, ...json } = result
      io.stdout(JSON.stringify({ ...json, undeclared, declaration: draftDeclaration(result) }, null, 2) + '\n')
    }
    io.stderr(summary(result, undeclared, files))
    if (!outDir) io.stderr(msg.outHint() + '\n')
    return result.leaks.length || undeclared?.length ? 1 : 0
  } catch (e) {
    if (e instanceof ScanError) {
      io.stderr(PREFIX + e.message + '\n')
      return 2
    }
    io.stderr(PREFIX + msg.unexpected((e as Error)?.stack ?? String(e)) + '\n')
    return 2
  }
}
