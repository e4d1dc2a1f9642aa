// POST /v1/receipts (a site's beacon) and GET /v1/receipts/:consentId (a consent ID's history), each with its rate
// limit.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { decodeRecord, renewCookie, resolveConfig, type RenewConfig } from '@samtykke/core'
import * as msg from '../errors'
import { UnstorableEntry } from '../log/entry'
import { JournalWriteError } from '../log/journal'
import { BusyError } from '../log/writer'
import type { ReceiptColumn } from '../log/columns'
import { browserClass, checkReceipt, CONSENT_ID, truncateIp, type Receipt } from '../receipt/validate'
import type { Routes } from './context'
import { fail, perMinute } from './fail'

/**
 * The renewal on a log with no site configured (loopback pages, for trying it out): the default cookie, any category.
 */
const NO_SITE: RenewConfig = { cookie: resolveConfig({}).cookie }

/** The consent ID of the record in a consent cookie's `Set-Cookie` value (read by core's own decoder). */
const cookieConsentId = (setCookie: string) => {
  const record = decodeRecord(setCookie.slice(setCookie.indexOf('=') + 1, setCookie.indexOf(';')))
  return typeof record == 'object' ? record.id : undefined
}

/** A receipt's history as GET /v1/receipts/:consentId answers it: each answer key and the column it comes from. */
const HISTORY: [string, ReceiptColumn][] = [
  ['site', 'site'],
  ['receivedAt', 'received_at'],
  ['decidedAt', 'decided_at'],
  ['revision', 'revision'],
  ['how', 'how'],
  ['gpc', 'gpc'],
  ['categories', 'categories'],
  ['event', 'event'],
  ['surface', 'surface'],
  ['path', 'path'],
  ['snapshot', 'snapshot_hash'],
  ['hash', 'hash'],
]
const TIMES = new Set<ReceiptColumn>(['received_at', 'decided_at'])

export async function receiptRoutes(app: FastifyInstance, routes: Routes): Promise<void> {
  const { limits } = routes
  app.post('/v1/receipts', limits.receipts ? perMinute(limits.receipts) : {}, (req, reply) =>
    postReceipt(routes, req, reply),
  )
  app.get<{ Params: { consentId: string } }>(
    '/v1/receipts/:consentId',
    perMinute(limits.lookups),
    async (req, reply) => {
      const id = req.params.consentId
      if (!CONSENT_ID.test(id)) return fail(reply, 400, msg.badConsentId)
      let rows
      try {
        const columns = HISTORY.map(([, column]) => column).join(', ')
        rows = (
          await routes.o.db.query(`SELECT ${columns} FROM receipts WHERE consent_id = $1 ORDER BY received_at, seq`, [
            id,
          ])
        ).rows
      } catch (e) {
        routes.o.onError?.(e)
        return fail(reply, 503, msg.lookupDbDown)
      }
      if (!rows.length) return fail(reply, 404, msg.noReceipts(id))
      const answer = (r: Record<string, any>) =>
        Object.fromEntries(
          HISTORY.map(([key, column]) => [key, TIMES.has(column) ? new Date(r[column]).toISOString() : r[column]]),
        )
      return { consentId: id, receipts: rows.map(answer) }
    },
  )
}

/** Why a checked receipt is refused (its status and message), or undefined when it may be stored. */
function refusal({ o, policy }: Routes, origin: string | undefined, r: Receipt): [number, string] | undefined {
  if (origin && r.origin != origin) return [403, msg.urlOriginMismatch(origin, r.origin)]
  if (!policy.allowed(r.origin)) return (o.onRefusedOrigin?.(r.origin), [403, msg.badOrigin(r.origin)])
  const site = policy.site(r.origin)
  const categories = site?.categories
  const unknown = categories && Object.keys(r.categories).find((c) => !categories.includes(c))
  if (site && categories && unknown) return [400, msg.unknownCategory(unknown, site.origin, categories)]
  return undefined
}

async function postReceipt(routes: Routes, req: FastifyRequest, reply: FastifyReply) {
  const { o, policy } = routes
  const origin = req.headers.origin
  if (origin && !policy.allowed(origin)) return (o.onRefusedOrigin?.(origin), fail(reply, 403, msg.badOrigin(origin)))
  if (typeof req.body != 'string') return fail(reply, 400, msg.noBody)
  const r = checkReceipt(req.body)
  if ('error' in r) return fail(reply, 400, r.error)
  const refused = refusal(routes, origin, r)
  if (refused) return fail(reply, ...refused)
  let stored
  try {
    stored = await o.writer.add({
      key: r.key,
      site: r.origin,
      consentId: r.consentId,
      decidedAt: r.decidedAt,
      receivedAt: Date.now(),
      revision: r.revision,
      how: r.how,
      gpc: r.gpc,
      categories: r.categories,
      surface: r.surface,
      path: r.path,
      lang: r.lang,
      snapshotHash: o.snapshotOf(r.origin, r.revision, r.lang),
      ip: o.truncatedIp ? truncateIp(req.ip) : null,
      browser: o.browserClass ? browserClass(req.headers['user-agent']) : null,
    })
  } catch (e) {
    return notStored(routes, reply, e)
  }
  // Reached on the site's own origin (or a sibling the cookie's domain covers), the beacon carries the consent cookie
  // it proves: send that cookie back from the server, for what remains of its lifetime, so that Safari and Brave,
  // which cut a cookie a script writes to 7 days, keep the choice as long as it lasts. Only the record this receipt
  // is for, and only a valid one (renewCookie: never extended, never made up). `Secure` as samtykke itself adds it:
  // when the page is on https.
  const renewal = policy.site(r.origin)?.renewal ?? NO_SITE
  const cookie = renewCookie(req.headers.cookie, renewal, Date.now(), r.origin.startsWith('https:'))
  if (cookie && cookieConsentId(cookie) == r.consentId) reply.header('set-cookie', cookie)
  return reply.code(stored == 'stored' ? 201 : 200).send({ stored: true, duplicate: stored == 'duplicate', key: r.key })
}

/** The answer to a receipt the writer did not store: retry soon (busy), never (unstorable), or later (storage down). */
function notStored({ o }: Routes, reply: FastifyReply, e: unknown) {
  if (e instanceof BusyError) return (reply.header('retry-after', '1'), fail(reply, 503, msg.busy))
  if (e instanceof UnstorableEntry) return fail(reply, 400, msg.unstorable(e.message))
  o.onError?.(e)
  reply.header('retry-after', '5')
  if (e instanceof JournalWriteError) return fail(reply, 503, msg.journalDown(e.message))
  return fail(reply, 503, msg.dbDown)
}
