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
import { columnSchema, ERROR_ANSWERS, preciseErrors } from './schemas'

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

/**
 * POST /v1/receipts. The body is the receipt as text (sendBeacon posts text/plain, fetch may post JSON; both are read
 * as text): its fields are checked by checkReceipt, whose messages name each field more precisely than a schema could.
 */
const POST_SCHEMA = {
  summary: "Stores a site's consent receipt (as @samtykke/core's sendReceipt posts it)",
  body: {
    type: 'string',
    minLength: 1,
    description:
      'the receipt as JSON text: v, id, time, revision, how, gpc, categories, url (lang, surface, rid optional)',
  },
  response: {
    '2xx': {
      description: '201 stored, 200 stored before (a retried beacon: stored once)',
      type: 'object',
      properties: { stored: { type: 'boolean' }, duplicate: { type: 'boolean' }, key: { type: 'string' } },
    },
    ...ERROR_ANSWERS,
  },
} as const

/** GET /v1/receipts/:consentId: a consent ID's receipts, oldest first. */
const HISTORY_SCHEMA = {
  summary: "A consent ID's receipts, oldest first",
  params: {
    type: 'object',
    properties: {
      consentId: {
        type: 'string',
        pattern: CONSENT_ID.source,
        description: 'the ID in the consent cookie (16–64 letters, digits, - or _)',
      },
    },
    required: ['consentId'],
  },
  response: {
    200: {
      type: 'object',
      properties: {
        consentId: { type: 'string' },
        receipts: {
          type: 'array',
          items: {
            type: 'object',
            properties: Object.fromEntries(HISTORY.map(([key, column]) => [key, columnSchema(column)])),
          },
        },
      },
    },
    ...ERROR_ANSWERS,
  },
}

export async function receiptRoutes(app: FastifyInstance, routes: Routes): Promise<void> {
  const { limits } = routes
  app.post(
    '/v1/receipts',
    {
      ...(limits.receipts ? perMinute(limits.receipts) : {}),
      // After the rate limit (an onRequest hook), before the body is read or checked.
      preParsing: async (req: FastifyRequest, reply: FastifyReply) => refuseOrigin(routes, req, reply),
      schema: POST_SCHEMA,
      schemaErrorFormatter: preciseErrors({ body: msg.noBody }),
    },
    (req, reply) => postReceipt(routes, req, reply),
  )
  const lookup = {
    ...perMinute(limits.lookups),
    schema: HISTORY_SCHEMA,
    schemaErrorFormatter: preciseErrors({ consentId: msg.badConsentId }),
  }
  app.get<{ Params: { consentId: string } }>('/v1/receipts/:consentId', lookup, async (req, reply) => {
    const id = req.params.consentId
    let rows
    try {
      const columns = HISTORY.map(([, column]) => column).join(', ')
      rows = (
        await routes.options.db.query(
          `SELECT ${columns} FROM receipts WHERE consent_id = $1 ORDER BY received_at, seq`,
          [id],
        )
      ).rows
    } catch (error) {
      routes.options.onError?.(error)
      return fail(reply, 503, msg.lookupDbDown)
    }
    if (!rows.length) return fail(reply, 404, msg.noReceipts(id))
    const answer = (row: Record<string, any>) =>
      Object.fromEntries(
        HISTORY.map(([key, column]) => [key, TIMES.has(column) ? new Date(row[column]).toISOString() : row[column]]),
      )
    return { consentId: id, receipts: rows.map(answer) }
  })
}

/** Why a checked receipt is refused (its status and message), or undefined when it may be stored. */
function refusal(
  { options, policy }: Routes,
  origin: string | undefined,
  receipt: Receipt,
): [number, string] | undefined {
  if (origin && receipt.origin != origin) return [403, msg.urlOriginMismatch(origin, receipt.origin)]
  if (!policy.allowed(receipt.origin)) {
    options.onRefusedOrigin?.(receipt.origin)
    return [403, msg.badOrigin(receipt.origin)]
  }
  const site = policy.site(receipt.origin)
  const categories = site?.categories
  const unknown = categories && Object.keys(receipt.categories).find((name) => !categories.includes(name))
  if (site && categories && unknown) return [400, msg.unknownCategory(unknown, site.origin, categories)]
  return undefined
}

/** A receipt from a page on an origin that may not send is refused unread (and logged, once a minute). */
function refuseOrigin({ options, policy }: Routes, req: FastifyRequest, reply: FastifyReply) {
  const origin = req.headers.origin
  if (!origin || policy.allowed(origin)) return
  options.onRefusedOrigin?.(origin)
  fail(reply, 403, msg.badOrigin(origin))
}

async function postReceipt(routes: Routes, req: FastifyRequest, reply: FastifyReply) {
  const { options, policy } = routes
  const origin = req.headers.origin
  if (typeof req.body != 'string') return fail(reply, 400, msg.noBody)
  const receipt = checkReceipt(req.body)
  if ('error' in receipt) return fail(reply, 400, receipt.error)
  const refused = refusal(routes, origin, receipt)
  if (refused) return fail(reply, ...refused)
  let stored
  try {
    stored = await options.writer.add({
      key: receipt.key,
      site: receipt.origin,
      consentId: receipt.consentId,
      decidedAt: receipt.decidedAt,
      receivedAt: Date.now(),
      revision: receipt.revision,
      how: receipt.how,
      gpc: receipt.gpc,
      categories: receipt.categories,
      surface: receipt.surface,
      path: receipt.path,
      lang: receipt.lang,
      snapshotHash: options.snapshotOf(receipt.origin, receipt.revision, receipt.lang),
      ip: options.truncatedIp ? truncateIp(req.ip) : null,
      browser: options.browserClass ? browserClass(req.headers['user-agent']) : null,
    })
  } catch (error) {
    return notStored(routes, reply, error)
  }
  // Reached on the site's own origin (or a sibling the cookie's domain covers), the beacon carries the consent cookie
  // it proves: send that cookie back from the server, for what remains of its lifetime, so that Safari and Brave,
  // which cut a cookie a script writes to 7 days, keep the choice as long as it lasts. Only the record this receipt
  // is for, and only a valid one (renewCookie: never extended, never made up). `Secure` as samtykke itself adds it:
  // when the page is on https.
  const renewal = policy.site(receipt.origin)?.renewal ?? NO_SITE
  const cookie = renewCookie(req.headers.cookie, renewal, Date.now(), receipt.origin.startsWith('https:'))
  if (cookie && cookieConsentId(cookie) == receipt.consentId) reply.header('set-cookie', cookie)
  return reply
    .code(stored == 'stored' ? 201 : 200)
    .send({ stored: true, duplicate: stored == 'duplicate', key: receipt.key })
}

/** The answer to a receipt the writer did not store: retry soon (busy), never (unstorable), or later (storage down). */
function notStored({ options }: Routes, reply: FastifyReply, error: unknown) {
  if (error instanceof BusyError) return fail(reply.header('retry-after', '1'), 503, msg.busy)
  if (error instanceof UnstorableEntry) return fail(reply, 400, msg.unstorable(error.message))
  options.onError?.(error)
  reply.header('retry-after', '5')
  if (error instanceof JournalWriteError) return fail(reply, 503, msg.journalDown(error.message))
  return fail(reply, 503, msg.dbDown)
}
