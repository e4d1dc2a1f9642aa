// `samtykke serve` as a function: opens the store (PGlite under a data folder, or DATABASE_URL), replays the journal,
// applies retention, registers the sites' snapshots, and listens.
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DEFAULT_DAYS } from '@samtykke/core'
import { openPglite, openPostgres, type Db } from './db'
import { PREFIX, refusedOrigin, replayed, retentionFailed, retentionTooShort, ServeError } from './errors'
import { buildApp, type AppOptions } from './http/app'
import { trustProxySetting, type TrustProxy } from './http/proxy'
import { Journal } from './log/journal'
import { lockDataDir } from './log/lock'
import { applyRetention } from './log/retention'
import type { Entry } from './log/entry'
import { replayJournal } from './log/replay'
import { ReceiptWriter } from './log/writer'
import { makeSite, type Site, type SiteOptions } from './receipt/site'

export interface ServeOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1; 0.0.0.0 to be reachable from other machines (behind a TLS proxy). */
  host?: string
  /** PGlite's data folder (embedded mode). Default `./samtykke-log`. */
  dataDir?: string
  /** A Postgres server instead of PGlite: `postgres://user:pass@host/db`. */
  databaseUrl?: string
  /** The sites that may send receipts. None: any http://localhost page, for trying it out. */
  sites?: SiteOptions[]
  /** Bearer token for /v1/export, /v1/stats and /admin. Unset: those are off. */
  token?: string
  /**
   * Whole months receipts are kept after the month they arrived. Default 7: the default consent lifetime (core's
   * DEFAULT_DAYS, 182) + a dispute month.
   */
  retentionMonths?: number
  /** Keep a truncated IP address (off by default). */
  truncatedIp?: boolean
  /** Keep a coarse browser class (off by default). */
  browserClass?: boolean
  rateLimit?: AppOptions['rateLimit']
  /** Proxies in front whose X-Forwarded-For to believe: `true` (one), a hop count, or their addresses. Default none. */
  trustProxy?: TrustProxy
  /** Group commit: how long a receipt waits for company (ms, default 5) and the largest batch (default 1000). */
  windowMs?: number
  maxBatch?: number
  /** Where warnings go. Default stderr. */
  warn?: (message: string) => void
  /** The clock (ms since the epoch) for what is logged once a minute. Default `Date.now`. */
  now?: () => number
}

export interface RunningServer {
  url: string
  port: number
  db: Db
  writer: ReceiptWriter
  app: FastifyInstance
  /** Stops taking requests, stores what was handed in, closes the database and releases the data folder. */
  close(): Promise<void>
}

export const DEFAULT_RETENTION_MONTHS = 7

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const print = options.warn ?? ((m: string) => process.stderr.write(m + '\n'))
  // Every line the server itself says, prefixed here, once.
  const warn = (m: string) => print(PREFIX + m)
  const sites = (options.sites ?? []).map(makeSite)
  const trustProxy = trustProxySetting(options.trustProxy)
  const retention = options.retentionMonths ?? DEFAULT_RETENTION_MONTHS
  const longest = Math.max(DEFAULT_DAYS, ...sites.map((s) => s.days))
  const minMonths = Math.ceil(longest / 30.4) + 1
  if (retention < minMonths) throw new ServeError('BAD_OPTION', retentionTooShort(retention, minMonths, longest))

  const { db, journal, unlock } = await openStore(options, warn)
  const closeAll = async () => {
    await journal?.close()
    await db.close()
    unlock()
  }
  let timer: NodeJS.Timeout | undefined
  let checkpoints: NodeJS.Timeout | undefined
  try {
    const retain = () =>
      applyRetention(db, retention, { journal }).catch((e) => warn(retentionFailed((e as Error).message)))
    await retain()
    timer = setInterval(retain, 6 * 3600_000).unref()
    if (db.kind == 'pglite') checkpoints = setInterval(() => db.query('CHECKPOINT').catch(() => {}), 5 * 60_000).unref()

    const writer = new ReceiptWriter(db, { windowMs: options.windowMs, maxBatch: options.maxBatch, journal })
    let lastError = 0
    const app = await buildApp({
      db,
      writer,
      sites,
      token: options.token,
      truncatedIp: options.truncatedIp,
      browserClass: options.browserClass,
      rateLimit: options.rateLimit,
      trustProxy,
      journalProblem: journal && (() => journal!.problem()),
      snapshotOf: await snapshotLookup(db, sites),
      onRefusedOrigin: refusedOriginLog(warn, options.now ?? Date.now),
      onError: (error) => {
        // Once a minute is enough to say the database is away.
        if (Date.now() - lastError > 60_000) warn(`${(error as Error)?.message ?? error}`)
        lastError = Date.now()
      },
    })
    const host = options.host ?? '127.0.0.1'
    await app.listen({ port: options.port ?? 8787, host })
    const port = (app.server.address() as { port: number }).port
    let closing: Promise<void> | undefined
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      db,
      writer,
      app,
      close: () =>
        (closing ??= (async () => {
          clearInterval(timer)
          clearInterval(checkpoints)
          await app.close()
          await writer.drain()
          await closeAll()
        })()),
    }
  } catch (error) {
    clearInterval(timer)
    clearInterval(checkpoints)
    await closeAll().catch(() => {})
    throw error
  }
}

interface Store {
  db: Db
  journal?: Journal<Entry>
  /** Releases the data folder (PGlite). */
  unlock: () => void
}

/**
 * The store: a Postgres server (DATABASE_URL), or PGlite in the data folder, locked, with its journal replayed into it.
 */
async function openStore(options: ServeOptions, warn: (message: string) => void): Promise<Store> {
  if (options.databaseUrl) return { db: await openPostgres(options.databaseUrl), unlock: () => {} }
  const dir = resolve(options.dataDir ?? 'samtykke-log')
  mkdirSync(dir, { recursive: true })
  const unlock = lockDataDir(dir)
  try {
    const journal = new Journal<Entry>(join(dir, 'journal'), warn)
    // Found now, not as a 503 on every receipt while /healthz says ok.
    await journal.assertWritable()
    const db = await openPglite(join(dir, 'pgdata'))
    const count = await replayJournal(db, journal)
    if (count) warn(replayed(count))
    // PGlite runs Postgres in single-user mode: no checkpointer. Without one, the WAL only grows, and every start
    // after a crash replays all of it.
    await db.query('CHECKPOINT')
    return { db, journal, unlock }
  } catch (error) {
    unlock()
    throw error
  }
}

/**
 * The snapshot a receipt links to: what each site's banner shows now (stored if new), and what older revisions
 * showed (kept in the database).
 */
async function snapshotLookup(db: Db, sites: Site[]): Promise<AppOptions['snapshotOf']> {
  const snapshots = new Map<string, string>()
  const stored = await db.query('SELECT site, revision, lang, hash FROM snapshots ORDER BY created_at')
  for (const row of stored.rows) snapshots.set(`${row.site} ${row.revision} ${row.lang}`, row.hash)
  for (const snapshot of sites.flatMap((s) => s.snapshots)) {
    await db.query(
      'INSERT INTO snapshots (hash, site, revision, lang, content) VALUES ($1, $2, $3, $4, $5) ' +
        'ON CONFLICT (hash) DO NOTHING',
      [snapshot.hash, snapshot.site, snapshot.revision, snapshot.lang, JSON.stringify(snapshot.content)],
    )
    snapshots.set(`${snapshot.site} ${snapshot.revision} ${snapshot.lang}`, snapshot.hash)
  }
  const defaultLang = new Map(sites.map((s) => [s.origin, s.snapshots[0]?.lang ?? 'nb']))
  return (site, revision, lang) => snapshots.get(`${site} ${revision} ${lang ?? defaultLang.get(site) ?? 'nb'}`) ?? null
}

/** At most this many origins are remembered between log lines: a flood of made-up origins cannot fill the memory. */
const MAX_ORIGINS = 1000

/**
 * Logs each refused origin once a minute: its first refusal at once, then, a minute or more later, the next one with
 * how many were refused in between. A page whose origin is missing from --site shows up in the log, without a line per
 * receipt.
 */
export function refusedOriginLog(warn: (message: string) => void, now: () => number): (origin: string) => void {
  const seen = new Map<string, { at: number; since: number }>()
  return (origin) => {
    const time = now()
    const last = seen.get(origin)
    if (last && time - last.at < 60_000) return void last.since++
    if (!last && seen.size >= MAX_ORIGINS)
      for (const [remembered, entry] of seen)
        if (time - entry.at >= 60_000 || seen.size >= MAX_ORIGINS) seen.delete(remembered)
    seen.set(origin, { at: time, since: 0 })
    warn(refusedOrigin(origin, last?.since ?? 0))
  }
}
