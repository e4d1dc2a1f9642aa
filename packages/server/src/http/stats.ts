// GET /v1/stats and /admin/stats.json (token-guarded): each choice counted per day, site and revision.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db'
import type { Routes } from './context'
import { fail, perMinute } from './fail'
import { timeRange, type TimeRange } from './range'

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

export async function statsRoutes(app: FastifyInstance, { o, limits }: Routes): Promise<void> {
  const stats = async (req: FastifyRequest<Query>, reply: FastifyReply) => {
    const range = timeRange(req.query, 90)
    if (typeof range == 'string') return fail(reply, 400, range)
    return { from: range.from, to: range.to, days: await countDays(o.db, range) }
  }
  app.get<Query>('/v1/stats', perMinute(limits.api), stats)
  // What the admin page draws: the same figures, behind the same token given as a Basic password.
  const admin = perMinute(limits.api)
  app.get<Query>('/admin/stats.json', { config: { ...admin.config, basicAuth: true } }, stats)
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
  for (const r of rows) {
    const k = JSON.stringify([r.day, r.site, r.revision])
    const d = days.get(k) ?? {
      day: r.day,
      site: r.site,
      revision: r.revision,
      total: 0,
      all: 0,
      none: 0,
      custom: 0,
      api: 0,
      gpc: 0,
    }
    d[r.how as 'all'] += r.n
    d.total += r.n
    d.gpc += r.gpc
    days.set(k, d)
  }
  return [...days.values()]
}
