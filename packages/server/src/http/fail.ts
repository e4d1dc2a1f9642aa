// How every error answer is sent: `{ error }` with the prefix, as JSON, readable by the origin that asked.
import type { FastifyReply } from 'fastify'
import { PREFIX } from '../errors'

/**
 * An error answer. Every one carries the CORS header for the origin that asked, refused origins included (the CORS
 * plugin answers only allowed ones): the page can read why it was refused, and samtykke.js prints it. An error names
 * no data, so showing it to any origin gives nothing away; answers with data stay for the allowed origins alone.
 */
export function fail(reply: FastifyReply, status: number, error: string): FastifyReply {
  const origin = reply.request.headers.origin
  if (origin && !reply.hasHeader('access-control-allow-origin')) {
    reply.header('access-control-allow-origin', origin)
    const vary = String(reply.getHeader('vary') ?? '')
    if (!/\borigin\b/i.test(vary)) reply.header('vary', vary ? `${vary}, Origin` : 'Origin')
  }
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: PREFIX + error })
}

/** A route's rate limit: at most `max` requests a minute from one address. */
export const perMinute = (max: number) => ({ config: { rateLimit: { max, timeWindow: 60_000 } } })
