// `samtykke serve` (and `samtykke-serve`): argument parsing and output only. Human text on stderr, --json on stdout;
// exit 0 clean, 1 findings (verify: a broken chain), 2 error.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openPglite, openPostgres, type Db } from './db'
import { Journal } from './log/journal'
import { tokenOnCommandLine } from './errors'
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

export async function main(argv: string[]): Promise<number> {
  let args
  try {
    args = parseArgs({
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
  } catch (e) {
    process.stderr.write(`samtykke serve: ${(e as Error).message}\n\n${HELP}`)
    return 2
  }
  const { values: v, positionals } = args
  if (v.help) {
    process.stdout.write(HELP)
    return 0
  }
  const command = positionals[0] ?? 'start'
  if (!['start', 'verify'].includes(command) || positionals.length > 1) {
    process.stderr.write(`samtykke serve: unknown command "${positionals.join(' ')}"; try samtykke serve --help\n`)
    return 2
  }
  const json = v.json === true
  const say = (text: string) => process.stderr.write(text + '\n')
  try {
    if (command == 'verify') return await verify(v.data, json, say)
    const port = Number(v.port ?? process.env.PORT ?? 8787)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`samtykke serve: --port ${v.port} is not a port number`)
    const months = v['retention-months'] === undefined ? undefined : Number(v['retention-months'])
    if (months !== undefined && !(Number.isInteger(months) && months > 0)) throw new Error(`samtykke serve: --retention-months must be a whole number of months (got ${v['retention-months']})`)
    if (v.ip !== undefined && v.ip != 'truncated') throw new Error(`samtykke serve: --ip takes only "truncated" (got ${v.ip}); without it no IP is kept`)
    const rate = v['rate-limit'] === undefined ? undefined : Number(v['rate-limit'])
    if (rate !== undefined && !(Number.isInteger(rate) && rate >= 0)) throw new Error(`samtykke serve: --rate-limit must be a whole number of receipts per minute (got ${v['rate-limit']})`)
    const siteArgs = [...(v.site ?? []), ...(process.env.SAMTYKKE_SITES?.split(',').filter(Boolean) ?? [])]
    const sites: SiteOptions[] = siteArgs.map((s) => {
      const eq = s.indexOf('=')
      if (eq < 0) return { origin: s }
      const file = resolve(s.slice(eq + 1))
      let text
      try {
        text = readFileSync(file, 'utf8')
      } catch (e) {
        throw new Error(`samtykke serve: cannot read the config of ${s.slice(0, eq)}: ${(e as Error).message}`)
      }
      return { origin: s.slice(0, eq), config: configFromText(text, file) }
    })
    if (v.token !== undefined) say(tokenOnCommandLine)
    const databaseUrl = process.env.DATABASE_URL || undefined
    const server = await startServer({
      port, host: v.host, dataDir: v.data, databaseUrl, sites, token: v.token ?? process.env.SAMTYKKE_TOKEN, retentionMonths: months,
      truncatedIp: v.ip == 'truncated', browserClass: v['browser-class'], trustProxy: trustProxyArg(v['trust-proxy']), warn: say,
      rateLimit: rate === undefined ? undefined : { receipts: rate },
    })
    // Before it says it listens: a stop that follows at once must drain, not kill.
    const stopped = untilStopped(say)
    const where = databaseUrl ? 'Postgres server (DATABASE_URL)' : `PGlite in ${resolve(v.data ?? 'samtykke-log')}`
    say(`samtykke serve: listening on ${server.url}, storing in ${where}`)
    say(`  POST ${server.url}/v1/receipts  ← set the site's receiptUrl to this`)
    say(sites.length ? `  sites: ${sites.map((s) => s.origin + (s.config ? ' (with config)' : '')).join(', ')}` : '  sites: none given, so any http://localhost page may send (use --site for a real site)')
    if (!(v.token ?? process.env.SAMTYKKE_TOKEN)) say('  export, stats and /admin are off: set SAMTYKKE_TOKEN to use them')
    say('  Ctrl-C stops it.')
    if (json) process.stdout.write(JSON.stringify({ url: server.url, database: databaseUrl ? 'postgres' : 'pglite', sites: sites.map((s) => s.origin) }) + '\n')
    await stopped
    await server.close()
    return 0
  } catch (e) {
    say((e as Error).message.startsWith('samtykke') ? (e as Error).message : `samtykke serve: ${(e as Error).message}`)
    return 2
  }
}

/** Resolves on the first Ctrl-C or SIGTERM; a second Ctrl-C exits at once. */
function untilStopped(say: (t: string) => void): Promise<void> {
  return new Promise<void>((done) => {
    const stop = () => {
      say('samtykke serve: stopping (storing what was handed in)…')
      process.once('SIGINT', () => process.exit(130))
      done()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}

async function verify(data: string | undefined, json: boolean, say: (t: string) => void): Promise<number> {
  let db: Db
  let unlock = () => {}
  if (process.env.DATABASE_URL) db = await openPostgres(process.env.DATABASE_URL, { max: 1 })
  else {
    const dir = resolve(data ?? 'samtykke-log')
    unlock = lockDataDir(dir)
    try {
      db = await openPglite(join(dir, 'pgdata'))
      await replayJournal(db, new Journal<Entry>(join(dir, 'journal'), say))
    } catch (e) {
      unlock()
      throw e
    }
  }
  try {
    const reports = await verifyChain(db)
    if (json) process.stdout.write(JSON.stringify({ ok: reports.every((r) => !r.breaks.length), sites: reports }) + '\n')
    for (const r of reports) {
      const span = r.first === null ? 'no receipts' : `#${r.first}–#${r.last}${r.first > 1 ? ' (older months removed by retention)' : ''}`
      if (!r.breaks.length) {
        say(`✓ ${r.site}: ${r.receipts} receipts, ${span}: the chain holds`)
        continue
      }
      say(`✗ ${r.site}: ${r.receipts} receipts checked, ${span}. ${r.breaks.length == 1 ? '1 broken link' : `${r.breaks.length} broken links`}:`)
      for (const b of r.breaks) say(`  #${b.seq}${b.consentId ? ` (consent ID ${b.consentId})` : ''}: ${b.problem}`)
    }
    if (!reports.length) say('samtykke serve verify: no receipts stored yet')
    return reports.some((r) => r.breaks.length) ? 1 : 0
  } finally {
    await db.close()
    unlock()
  }
}
