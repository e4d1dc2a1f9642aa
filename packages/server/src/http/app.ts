// The HTTP API (versioned under /v1): Fastify, with CORS only for the configured site origins and per-IP rate limits.
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import * as msg from '../errors'
import { originPolicy } from '../receipt/site'
import type { AppOptions, Routes } from './context'
import { fail } from './fail'
import { guardedRoutes } from './guarded'
import { trustProxySetting } from './proxy'
import { receiptRoutes } from './receipts'

export type { AppOptions } from './context'

const LIMIT = 4096

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const trust = trustProxySetting(options.trustProxy)
  // A hop count as fastify reads one (its types take the number only as this function): the nearest `trust` hops.
  const trustProxy = typeof trust == 'number' ? (_address: string, hop: number) => hop < trust : trust
  const app = Fastify({ bodyLimit: LIMIT, trustProxy, logger: false, forceCloseConnections: true })
  const policy = originPolicy(options.sites)
  const routes: Routes = { options, policy, limits: { receipts: 600, lookups: 30, api: 120, ...options.rateLimit } }

  // sendBeacon posts text/plain, fetch may post JSON: both are read as text and checked by one parser.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    ['application/json', 'text/plain'],
    { parseAs: 'string', bodyLimit: LIMIT },
    (_req, body, done) => done(null, body),
  )
  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    const status = err.statusCode ?? 500
    if (status == 413) return fail(reply, 413, msg.tooLarge(LIMIT))
    if (status == 415) return fail(reply, 415, msg.notReceiptType)
    if (status < 500) return fail(reply, status, err.message)
    options.onError?.(err)
    return fail(reply, 500, msg.internalError)
  })
  app.setNotFoundHandler((req, reply) => fail(reply, 404, msg.notFound(req.method, req.url.split('?')[0])))

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
  await app.register(receiptRoutes, routes)
  await app.register(guardedRoutes, routes)
  app.get('/healthz', { schema: HEALTH_SCHEMA }, async (_req, reply) => health(options, reply))
  return app
}

const HEALTH = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'database unavailable', 'journal unavailable'] },
    database: { type: 'string', enum: ['pglite', 'postgres'] },
    waiting: { type: 'integer', description: 'receipts handed in, not yet stored' },
    reason: { type: 'string', description: 'why the journal cannot be written' },
  },
} as const

const HEALTH_SCHEMA = {
  summary: 'Whether a receipt can be stored now: 200, or 503 naming what is down',
  response: { 200: HEALTH, 503: HEALTH },
} as const

/** GET /healthz: 200 when a receipt can be stored now; 503 naming what is down (the database, or the journal). */
async function health({ db, journalProblem, writer }: AppOptions, reply: FastifyReply) {
  try {
    await db.query('SELECT 1')
  } catch {
    return reply.code(503).send({ status: 'database unavailable', database: db.kind })
  }
  const journal = await journalProblem?.()
  if (journal) return reply.code(503).send({ status: 'journal unavailable', database: db.kind, reason: journal })
  return { status: 'ok', database: db.kind, waiting: writer.pending }
}
