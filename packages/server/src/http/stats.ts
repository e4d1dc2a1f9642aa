// GET /v1/stats and /admin/stats.json (token-guarded): each choice counted per day, site and revision.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db'
import type { Routes } from './context'
import { fail, perMinute } from './fail'
import { timeRange, type TimeRange } from './range'
import { ERROR_ANSWERS, preciseErrors, TIME } from './schemas'
import * as msg from '../errors'

type Query = { Querystring: Record<string, string> }

interface Day {
  day: string
  site: string
  revision: string
  total: number
  all: number
  none: number
  custom: number
  api: number
  gpc: number
}

const DAY = {
  type: 'object',
  properties: {
    day: { type: 'string', description: 'YYYY-MM-DD (UTC)' },
    site: { type: 'string' },
    revision: { type: 'string' },
    total: { type: 'integer' },
    all: { type: 'integer', description: 'accept all' },
    none: { type: 'integer', description: 'reject all' },
    custom: { type: 'integer', description: 'a choice per category' },
    api: { type: 'integer', description: "set by the site's own code" },
    gpc: { type: 'integer', description: 'with Global Privacy Control' },
  },
} as const

const SCHEMA = {
  summary: 'Each choice counted per day, site and revision (token-guarded)',
  querystring: {
    type: 'object',
    properties: {
      from: { ...TIME, description: 'default: 90 days ago' },
      to: { ...TIME, description: 'default: now' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: { from: { type: 'string' }, to: { type: 'string' }, days: { type: 'array', items: DAY } },
    },
    ...ERROR_ANSWERS,
  },
} as const

export async function statsRoutes(app: FastifyInstance, { options, limits }: Routes): Promise<void> {
  const stats = async (req: FastifyRequest<Query>, reply: FastifyReply) => {
    const range = timeRange(req.query, 90)
    if (typeof range == 'string') return fail(reply, 400, range)
    return { from: range.from, to: range.to, days: await countDays(options.db, range) }
  }
  const schema = {
    schema: SCHEMA,
    schemaErrorFormatter: preciseErrors({ from: msg.badTime('from'), to: msg.badTime('to') }),
  }
  const limit = perMinute(limits.api)
  app.get<Query>('/v1/stats', { ...limit, ...schema }, stats)
  // What the admin page draws: the same figures, behind the same token given as a Basic password.
  app.get<Query>('/admin/stats.json', { config: { ...limit.config, basicAuth: true }, ...schema }, stats)
}

async function countDays(db: Db, range: TimeRange): Promise<Day[]> {
  const rows = (
    await db.query(
      `SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, site, revision, how, count(*)::int AS n,
              count(*) FILTER (WHERE gpc)::int AS gpc
       FROM receipts WHERE received_at >= $1 AND received_at < $2 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [range.from, range.to],
    )
  ).rows
  const days = new Map<string, Day>()
  for (const row of rows) {
    const key = JSON.stringify([row.day, row.site, row.revision])
    const day = days.get(key) ?? {
      day: row.day,
      site: row.site,
      revision: row.revision,
      total: 0,
      all: 0,
      none: 0,
      custom: 0,
      api: 0,
      gpc: 0,
    }
    day[row.how as 'all'] += row.n
    day.total += row.n
    day.gpc += row.gpc
    days.set(key, day)
  }
  return [...days.values()]
}
