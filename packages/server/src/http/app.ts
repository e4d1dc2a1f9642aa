// The HTTP API (versioned under /v1): Fastify, with CORS only for the configured site origins and per-IP rate limits.
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { Readable } from 'node:stream'
import type { Db } from '../db'
import * as msg from '../errors'
import type { Site } from '../receipt/site'
import { originPolicy } from '../receipt/site'
import { browserClass, checkReceipt, CONSENT_ID, truncateIp } from '../receipt/validate'
import { UnstorableEntry } from '../log/entry'
import { JournalWriteError } from '../log/journal'
import { BusyError, type ReceiptWriter } from '../log/writer'
import { ADMIN_HTML } from './admin'
import { trustProxySetting, type TrustProxy } from './proxy'
import { sameToken, tokenOf } from './auth'
import { decodeRecord } from '@samtykke/core'
import { renewCookie } from '@samtykke/mark'

/** The consent ID of the record in a consent cookie's `Set-Cookie` value (read by core's own decoder). */
const cookieConsentId = (setCookie: string) => {
  const record = decodeRecord(setCookie.slice(setCookie.indexOf('=') + 1, setCookie.indexOf(';')))
  return typeof record == 'object' ? record.id : undefined
}

export interface AppOptions {
  db: Db
  writer: ReceiptWriter
  sites: Site[]
  /** The snapshot a receipt links to: by site, revision and language. */
  snapshotOf: (site: string, revision: string, lang: string | null) => string | null
  token?: string
  /** Keep the IP address, truncated (IPv4 /24, IPv6 /48). Default false: no IP at all. */
  truncatedIp?: boolean
  /** Keep a coarse browser class (engine family, mobile or not). Default false. */
  browserClass?: boolean
  /** Per IP and minute: receipts (default 600; 0 = no limit) and look-ups by consent ID (default 30). */
  rateLimit?: { receipts?: number; lookups?: number; api?: number }
  /** Why the journal (PGlite mode) cannot take a receipt now, or undefined: /healthz says so. */
  journalProblem?: () => Promise<string | undefined>
  /** Which proxies' X-Forwarded-For to believe (for the rate limit and the truncated IP); see TrustProxy. Default none. */
  trustProxy?: TrustProxy
  onError?: (e: unknown) => void
  /** Called for each receipt refused for its origin (not one of the sites): the server logs it, once a minute per origin. */
  onRefusedOrigin?: (origin: string) => void
}

const LIMIT = 4096

/**
 * An error answer. Every one carries the CORS header for the origin that asked, refused origins included (the CORS
 * plugin answers only allowed ones): the page can read why it was refused, and samtykke.js prints it. An error names
 * no data, so showing it to any origin gives nothing away; answers with data stay for the allowed origins alone.
 */
const fail = (reply: FastifyReply, status: number, error: string) => {
  const origin = reply.request.headers.origin
  if (origin && !reply.hasHeader('access-control-allow-origin')) {
    reply.header('access-control-allow-origin', origin)
    const vary = String(reply.getHeader('vary') ?? '')
    if (!/\borigin\b/i.test(vary)) reply.header('vary', vary ? `${vary}, Origin` : 'Origin')
  }
  return reply.code(status).type('application/json; charset=utf-8').send({ error: msg.PREFIX + error })
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const trust = trustProxySetting(o.trustProxy)
  // A hop count as fastify reads one (its types take the number only as this function): the nearest `trust` hops.
  const trustProxy = typeof trust == 'number' ? (_address: string, hop: number) => hop < trust : trust
  const app = Fastify({ bodyLimit: LIMIT, trustProxy, logger: false, forceCloseConnections: true })
  const policy = originPolicy(o.sites)
  const limits = { receipts: 600, lookups: 30, api: 120, ...o.rateLimit }

  // sendBeacon posts text/plain, fetch may post JSON: both are read as text and checked by one parser.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit: LIMIT }, (_req, body, done) => done(null, body))
  app.setErrorHandler((err: any, _req, reply) => {
    const status = err.statusCode ?? 500
    if (status == 413) return fail(reply, 413, msg.tooLarge(LIMIT))
    if (status == 415) return fail(reply, 415, 'send the receipt as text/plain or application/json')
    if (status == 429) return fail(reply, 429, err.message)
    if (status < 500) return fail(reply, status, err.message)
    o.onError?.(err)
    return fail(reply, 500, 'internal error')
  })
  app.setNotFoundHandler((req, reply) => fail(reply, 404, `no ${req.method} ${req.url.split('?')[0]} here; see the API in @samtykke/server's README`))

  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin ? policy.allowed(origin) : false),
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type'],
    maxAge: 86400,
  })
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, message: msg.rateLimited(ctx.max, ctx.after) }),
  })

  const authorised = (req: FastifyRequest, reply: FastifyReply, basic = false): boolean => {
    if (!o.token) return fail(reply, 403, msg.noToken), false
    if (sameToken(tokenOf(req.headers.authorization), o.token)) return true
    if (basic) reply.header('www-authenticate', 'Basic realm="samtykke admin", charset="UTF-8"')
    fail(reply, 401, msg.badToken)
    return false
  }

  app.post('/v1/receipts', { config: limits.receipts ? { rateLimit: { max: limits.receipts, timeWindow: 60_000 } } : {} }, async (req, reply) => {
    const origin = req.headers.origin
    if (origin && !policy.allowed(origin)) return o.onRefusedOrigin?.(origin), fail(reply, 403, msg.badOrigin(origin))
    if (typeof req.body != 'string') return fail(reply, 400, 'body: is missing (post the receipt as JSON)')
    const r = checkReceipt(req.body)
    if ('error' in r) return fail(reply, 400, r.error)
    if (origin && r.origin != origin) return fail(reply, 403, msg.urlOriginMismatch(origin, r.origin))
    if (!policy.allowed(r.origin)) return o.onRefusedOrigin?.(r.origin), fail(reply, 403, msg.badOrigin(r.origin))
    const site = policy.site(r.origin)
    if (site?.categories) {
      const unknown = Object.keys(r.categories).find((c) => !site.categories!.includes(c))
      if (unknown) return fail(reply, 400, msg.fieldError(`categories.${unknown}`, `is not a category of ${site.origin} (it has ${site.categories.join(', ')})`))
    }
    try {
      const stored = await o.writer.add({
        key: r.key, site: r.origin, consentId: r.consentId, decidedAt: r.decidedAt, receivedAt: Date.now(), revision: r.revision, how: r.how, gpc: r.gpc,
        categories: r.categories, surface: r.surface, path: r.path, lang: r.lang, snapshotHash: o.snapshotOf(r.origin, r.revision, r.lang),
        ip: o.truncatedIp ? truncateIp(req.ip) : null, browser: o.browserClass ? browserClass(req.headers['user-agent']) : null,
      })
      // Reached on the site's own origin (or a sibling the cookie's domain covers), the beacon carries the consent cookie
      // it proves: send that cookie back from the server, for what remains of its lifetime, so that Safari and Brave,
      // which cut a cookie a script writes to 7 days, keep the choice as long as it lasts. Only the record this receipt
      // is for, and only a valid one (renewCookie: never extended, never made up).
      const cookie = renewCookie(req.raw, { config: site?.cookieConfig })
      if (cookie && cookieConsentId(cookie) == r.consentId) reply.header('set-cookie', cookie)
      return reply.code(stored == 'stored' ? 201 : 200).send({ stored: true, duplicate: stored == 'duplicate', key: r.key })
    } catch (e) {
      if (e instanceof BusyError) return reply.header('retry-after', '1'), fail(reply, 503, msg.busy)
      if (e instanceof UnstorableEntry) return fail(reply, 400, msg.unstorable(e.message))
      o.onError?.(e)
      reply.header('retry-after', '5')
      if (e instanceof JournalWriteError) return fail(reply, 503, msg.journalDown(e.message))
      return fail(reply, 503, msg.dbDown)
    }
  })

  app.get<{ Params: { consentId: string } }>('/v1/receipts/:consentId', { config: { rateLimit: { max: limits.lookups, timeWindow: 60_000 } } }, async (req, reply) => {
    const id = req.params.consentId
    if (!CONSENT_ID.test(id)) return fail(reply, 400, msg.fieldError('consentId', 'must be 16–64 letters, digits, - or _'))
    let rows
    try {
      rows = (
        await o.db.query(
          `SELECT site, received_at, decided_at, revision, how, gpc, categories, event, surface, path, snapshot_hash, hash FROM receipts WHERE consent_id = $1 ORDER BY received_at, seq`,
          [id],
        )
      ).rows
    } catch (e) {
      o.onError?.(e)
      return fail(reply, 503, 'the database is unavailable; retry later')
    }
    if (!rows.length) return fail(reply, 404, `no receipts for consent ID ${id}`)
    return {
      consentId: id,
      receipts: rows.map((r) => ({
        site: r.site, receivedAt: iso(r.received_at), decidedAt: iso(r.decided_at), revision: r.revision, how: r.how, gpc: r.gpc, categories: r.categories,
        event: r.event, surface: r.surface, path: r.path, snapshot: r.snapshot_hash, hash: r.hash,
      })),
    }
  })

  app.get<{ Querystring: Record<string, string> }>('/v1/export', { config: { rateLimit: { max: limits.api, timeWindow: 60_000 } } }, async (req, reply) => {
    if (!authorised(req, reply)) return reply
    const range = timeRange(req.query, 0)
    if (typeof range == 'string') return fail(reply, 400, range)
    const format = req.query.format ?? (/text\/csv/.test(req.headers.accept ?? '') ? 'csv' : 'ndjson')
    if (format != 'csv' && format != 'ndjson') return fail(reply, 400, msg.fieldError('format', 'must be ndjson or csv'))
    const site = req.query.site ?? null
    reply.type(format == 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
    reply.header('content-disposition', `attachment; filename="samtykke-receipts.${format == 'csv' ? 'csv' : 'ndjson'}"`)
    return reply.send(Readable.from(exportRows(o.db, range, site, format)))
  })

  const stats = async (req: FastifyRequest<{ Querystring: Record<string, string> }>, reply: FastifyReply) => {
    const range = timeRange(req.query, 90)
    if (typeof range == 'string') return fail(reply, 400, range)
    const rows = (
      await o.db.query(
        `SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, site, revision, how, count(*)::int AS n, count(*) FILTER (WHERE gpc)::int AS gpc
         FROM receipts WHERE received_at >= $1 AND received_at < $2 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        [range.from, range.to],
      )
    ).rows
    type Day = { day: string; site: string; revision: string; total: number; all: number; none: number; custom: number; api: number; gpc: number }
    const days = new Map<string, Day>()
    for (const r of rows) {
      const k = JSON.stringify([r.day, r.site, r.revision])
      const d = days.get(k) ?? { day: r.day, site: r.site, revision: r.revision, total: 0, all: 0, none: 0, custom: 0, api: 0, gpc: 0 }
      d[r.how as 'all'] += r.n
      d.total += r.n
      d.gpc += r.gpc
      days.set(k, d)
    }
    return { from: range.from, to: range.to, days: [...days.values()] }
  }
  app.get('/v1/stats', { config: { rateLimit: { max: limits.api, timeWindow: 60_000 } } }, async (req: FastifyRequest<{ Querystring: Record<string, string> }>, reply) =>
    authorised(req, reply) ? stats(req, reply) : reply,
  )
  app.get('/admin', { config: { rateLimit: { max: limits.api, timeWindow: 60_000 } } }, async (req, reply) => {
    if (!authorised(req, reply, true)) return reply
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'")
      .header('x-frame-options', 'DENY')
      .send(ADMIN_HTML)
  })
  app.get('/admin/stats.json', { config: { rateLimit: { max: limits.api, timeWindow: 60_000 } } }, async (req: FastifyRequest<{ Querystring: Record<string, string> }>, reply) =>
    authorised(req, reply, true) ? stats(req, reply) : reply,
  )

  app.get('/healthz', async (_req, reply) => {
    try {
      await o.db.query('SELECT 1')
    } catch {
      return reply.code(503).send({ status: 'database unavailable', database: o.db.kind })
    }
    const journal = await o.journalProblem?.()
    if (journal) return reply.code(503).send({ status: 'journal unavailable', database: o.db.kind, reason: journal })
    return { status: 'ok', database: o.db.kind, waiting: o.writer.pending }
  })
  return app
}

const iso = (d: Date | string) => new Date(d).toISOString()

function timeRange(q: Record<string, string>, defaultDays: number): { from: string; to: string } | string {
  const parse = (field: string, fallback: number) => {
    const v = q[field]
    if (v === undefined) return new Date(fallback).toISOString()
    const t = Date.parse(v)
    return Number.isNaN(t) ? null : new Date(t).toISOString()
  }
  const from = parse('from', defaultDays ? Date.now() - defaultDays * 864e5 : 0)
  if (!from) return msg.fieldError('from', 'must be a date or time (2026-12-01 or ISO 8601)')
  const to = parse('to', Date.now() + 60_000)
  if (!to) return msg.fieldError('to', 'must be a date or time (2026-12-01 or ISO 8601)')
  return { from, to }
}

const COLUMNS = ['site', 'seq', 'received_at', 'consent_id', 'decided_at', 'key', 'revision', 'how', 'gpc', 'categories', 'event', 'surface', 'path', 'lang', 'snapshot_hash', 'ip', 'browser', 'prev_hash', 'hash'] as const

/**
 * A CSV cell, safe in a spreadsheet. Spreadsheets in Norwegian locales split on `;`, not `,`, so each piece after a
 * `;` can become a cell of its own: a formula start (= + - @) is defused with a leading ' at the start of the value
 * and after each `;`, and a value with a `,` or `;` (or a quote or a line break) is quoted.
 */
const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v == 'object' ? JSON.stringify(v) : String(v)
  const defused = s.replace(/(^|;)(?=[=+\-@\t\r])/g, "$1'")
  return /[",;\n\r]/.test(defused) ? '"' + defused.replace(/"/g, '""') + '"' : defused
}

/** Rows in pages (keyset by received_at, site, seq), so an export of any size streams in constant memory. */
async function* exportRows(db: Db, range: { from: string; to: string }, site: string | null, format: 'csv' | 'ndjson') {
  if (format == 'csv') yield COLUMNS.join(',') + '\n'
  let after: [string, string, number] = [range.from, '', 0]
  for (;;) {
    const rows = (
      await db.query(
        `SELECT ${COLUMNS.join(', ')} FROM receipts
         WHERE received_at < $2 AND ($3::text IS NULL OR site = $3) AND (received_at, site, seq) > ($1::timestamptz, $4, $5::bigint) AND received_at >= $6
         ORDER BY received_at, site, seq LIMIT 1000`,
        [after[0], range.to, site, after[1], after[2], range.from],
      )
    ).rows
    if (!rows.length) return
    let out = ''
    for (const r of rows) {
      if (format == 'csv') out += COLUMNS.map((c) => cell(r[c])).join(',') + '\n'
      else out += JSON.stringify(Object.fromEntries(COLUMNS.map((c) => [c, c == 'seq' ? Number(r[c]) : r[c] instanceof Date ? r[c].toISOString() : r[c]]))) + '\n'
    }
    yield out
    const last = rows[rows.length - 1]
    after = [iso(last.received_at), last.site, Number(last.seq)]
    if (rows.length < 1000) return
  }
}
