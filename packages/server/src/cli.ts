// `samtykke serve` (and `samtykke-serve`): argument parsing and output only. Human text on stderr, --json on stdout;
// exit 0 clean, 1 findings (verify: a broken chain), 2 error.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openPglite, openPostgres, type Db } from './db'
import { Journal } from './log/journal'
import {
  badIp,
  badPort,
  badRate,
  badRetention,
  listening,
  noReceiptsYet,
  PREFIX,
  ServeError,
  stopping,
  tokenOnCommandLine,
  unknownCommand,
  unreadableConfig,
  VERIFY_PREFIX,
} from './errors'
import { bareTrustProxy, trustProxyArg } from './http/proxy'
import { lockDataDir } from './log/lock'
import { verifyChain } from './log/verify'
import type { Entry } from './log/entry'
import { replayJournal } from './log/replay'
import { configFromText, type SiteOptions } from './receipt/site'
import { DEFAULT_RETENTION_MONTHS, startServer } from './server'

const HELP = `samtykke serve — the consent log: stores every consent receipt as proof

Usage:
  samtykke serve [options]          start the log (embedded Postgres in --data, or DATABASE_URL)
  samtykke serve verify [options]   check every site's hash chain; names every broken link

Options:
  --port <n>              port to listen on (default 8787, or $PORT)
  --host <addr>           address to listen on (default 127.0.0.1)
  --data <dir>            PGlite's data folder (default ./samtykke-log); ignored with DATABASE_URL
  --site <origin>[=<file>]  a site that may send receipts, repeatable (or SAMTYKKE_SITES, comma-separated).
                          <file> is its samtykke config: JSON, or an HTML page with <script id="samtykke-config">.
                          Without any --site, only http://localhost pages may send (for trying it out).
  --retention-months <n>  months kept after the month a receipt arrived (default ${DEFAULT_RETENTION_MONTHS})
  --ip truncated          keep the IP address without its last part (default: no IP at all)
  --browser-class         keep a coarse browser class, e.g. "firefox mobile" (default: no user agent)
  --trust-proxy [n|addrs] behind a reverse proxy: believe the address the proxy adds to X-Forwarded-For.
                          Alone: one proxy. A number: that many proxies in a row. Or the proxies' addresses
                          (10.0.0.0/8,loopback). A client's own X-Forwarded-For value is never its address.
  --rate-limit <n>        receipts per minute from one address (default 600; 0 = no limit)
  --json                  machine-readable output on stdout
  -h, --help              this text

Environment:
  DATABASE_URL            use this Postgres server instead of PGlite (several servers may share it)
  SAMTYKKE_TOKEN          bearer token for /v1/export, /v1/stats and /admin (unset: those are off)

API: POST /v1/receipts, GET /v1/receipts/:consentId, GET /v1/export, GET /v1/stats, GET /admin, GET /healthz
`

/** The command's surroundings: its output streams, its environment, and when to stop. `main` runs on the process's. */
export interface Io {
  stdout: (s: string) => void
  stderr: (s: string) => void
  env: Record<string, string | undefined>
  /** Resolves when the server should stop; `say` prints a line. Default: the first Ctrl-C or SIGTERM. */
  stopped: (say: (line: string) => void) => Promise<void>
}

const processIo: Io = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  env: process.env,
  stopped: untilStopped,
}

export const main = (argv: string[]): Promise<number> => run(argv, processIo)

type Values = ReturnType<typeof parse>['values']

const parse = (argv: string[]) =>
  parseArgs({
    args: bareTrustProxy(argv),
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      site: { type: 'string', multiple: true },
      'retention-months': { type: 'string' },
      ip: { type: 'string' },
      'browser-class': { type: 'boolean' },
      'trust-proxy': { type: 'string' },
      'rate-limit': { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })

/** `samtykke serve` with `argv` (the words after it): the exit code. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  let args
  try {
    args = parse(argv)
  } catch (error) {
    io.stderr(`${PREFIX}${(error as Error).message}\n\n${HELP}`)
    return 2
  }
  const { values: v, positionals } = args
  if (v.help) {
    io.stdout(HELP)
    return 0
  }
  const command = positionals[0] ?? 'start'
  if (!['start', 'verify'].includes(command) || positionals.length > 1) {
    io.stderr(PREFIX + unknownCommand(positionals.join(' ')) + '\n')
    return 2
  }
  const say = (text: string) => io.stderr(text + '\n')
  try {
    return command == 'verify' ? await verify(v.data, v.json === true, io, say) : await serve(v, io, say)
  } catch (error) {
    say(PREFIX + (error as Error).message)
    return 2
  }
}

/** The sites from --site and SAMTYKKE_SITES: an origin, or `origin=file` with the site's config. */
function siteOptions(values: Values, env: Io['env']): SiteOptions[] {
  const siteArgs = [...(values.site ?? []), ...(env.SAMTYKKE_SITES?.split(',').filter(Boolean) ?? [])]
  return siteArgs.map((site) => {
    const eq = site.indexOf('=')
    if (eq < 0) return { origin: site }
    const file = resolve(site.slice(eq + 1))
    let text
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      throw new ServeError('BAD_CONFIG', unreadableConfig(site.slice(0, eq), (error as Error).message), {
        cause: error,
      })
    }
    return { origin: site.slice(0, eq), config: configFromText(text, file) }
  })
}

/** A whole number from an option, or undefined when it is not given; throws `message` when it is no such number. */
function whole(value: string | undefined, min: number, message: (got: string) => string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!(Number.isInteger(number) && number >= min)) throw new ServeError('BAD_OPTION', message(value))
  return number
}

/** Starts the log, says where it listens, and stops it (storing what was handed in) when asked. */
async function serve(values: Values, io: Io, say: (text: string) => void): Promise<number> {
  const port = Number(values.port ?? io.env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError('BAD_OPTION', badPort(values.port))
  const months = whole(values['retention-months'], 1, badRetention)
  if (values.ip !== undefined && values.ip != 'truncated') throw new ServeError('BAD_OPTION', badIp(values.ip))
  const rate = whole(values['rate-limit'], 0, badRate)
  const sites = siteOptions(values, io.env)
  if (values.token !== undefined) say(PREFIX + tokenOnCommandLine)
  const databaseUrl = io.env.DATABASE_URL || undefined
  const token = values.token ?? io.env.SAMTYKKE_TOKEN
  const server = await startServer({
    port,
    host: values.host,
    dataDir: values.data,
    databaseUrl,
    sites,
    token,
    retentionMonths: months,
    truncatedIp: values.ip == 'truncated',
    browserClass: values['browser-class'],
    trustProxy: trustProxyArg(values['trust-proxy']),
    warn: say,
    rateLimit: rate === undefined ? undefined : { receipts: rate },
  })
  // Before it says it listens: a stop that follows at once must drain, not kill.
  const stopped = io.stopped(say)
  const where = databaseUrl ? 'Postgres server (DATABASE_URL)' : `PGlite in ${resolve(values.data ?? 'samtykke-log')}`
  say(PREFIX + listening(server.url, where))
  say(`  POST ${server.url}/v1/receipts  ← set the site's receiptUrl to this`)
  say(
    sites.length
      ? `  sites: ${sites.map((s) => s.origin + (s.config ? ' (with config)' : '')).join(', ')}`
      : '  sites: none given, so any http://localhost page may send (use --site for a real site)',
  )
  if (!token) say('  export, stats and /admin are off: set SAMTYKKE_TOKEN to use them')
  say('  Ctrl-C stops it.')
  if (values.json)
    io.stdout(
      JSON.stringify({
        url: server.url,
        database: databaseUrl ? 'postgres' : 'pglite',
        sites: sites.map((s) => s.origin),
      }) + '\n',
    )
  await stopped
  await server.close()
  return 0
}

/** Resolves on the first Ctrl-C or SIGTERM; a second Ctrl-C exits at once. */
function untilStopped(say: (t: string) => void): Promise<void> {
  return new Promise<void>((done) => {
    const stop = () => {
      say(PREFIX + stopping)
      process.once('SIGINT', () => process.exit(130))
      done()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}

async function verify(data: string | undefined, json: boolean, io: Io, say: (t: string) => void): Promise<number> {
  let db: Db
  let unlock = () => {}
  if (io.env.DATABASE_URL) db = await openPostgres(io.env.DATABASE_URL, { max: 1 })
  else {
    const dir = resolve(data ?? 'samtykke-log')
    unlock = lockDataDir(dir)
    try {
      db = await openPglite(join(dir, 'pgdata'))
      await replayJournal(db, new Journal<Entry>(join(dir, 'journal'), (line) => say(PREFIX + line)))
    } catch (error) {
      unlock()
      throw error
    }
  }
  try {
    const reports = await verifyChain(db)
    if (json) io.stdout(JSON.stringify({ ok: reports.every((r) => !r.breaks.length), sites: reports }) + '\n')
    for (const report of reports) {
      const span =
        report.first === null
          ? 'no receipts'
          : `#${report.first}–#${report.last}${report.first > 1 ? ' (older months removed by retention)' : ''}`
      if (!report.breaks.length) {
        say(`✓ ${report.site}: ${report.receipts} receipts, ${span}: the chain holds`)
        continue
      }
      say(
        `✗ ${report.site}: ${report.receipts} receipts checked, ${span}. ` +
          (report.breaks.length == 1 ? '1 broken link:' : `${report.breaks.length} broken links:`),
      )
      for (const broken of report.breaks)
        say(`  #${broken.seq}${broken.consentId ? ` (consent ID ${broken.consentId})` : ''}: ${broken.problem}`)
    }
    if (!reports.length) say(VERIFY_PREFIX + noReceiptsYet)
    return reports.some((r) => r.breaks.length) ? 1 : 0
  } finally {
    await db.close()
    unlock()
  }
}
