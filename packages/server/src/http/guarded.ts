// The token-guarded routes (export, stats, the admin page), in one encapsulated plugin with one token check.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import * as msg from '../errors'
import { adminRoutes } from './admin'
import { sameToken, tokenOf } from './auth'
import type { Routes } from './context'
import { exportRoutes } from './export'
import { fail } from './fail'
import { statsRoutes } from './stats'

export async function guardedRoutes(app: FastifyInstance, routes: Routes): Promise<void> {
  const token = routes.o.token
  // A preHandler, not an onRequest hook: a route's rate limit is its own onRequest hook, which runs after the hooks
  // of its plugin; checked after it, every wrong guess of the token counts against the limit.
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!token) return fail(reply, 403, msg.noToken)
    if (sameToken(tokenOf(req.headers.authorization), token)) return
    if (req.routeOptions.config.basicAuth)
      reply.header('www-authenticate', 'Basic realm="samtykke admin", charset="UTF-8"')
    return fail(reply, 401, msg.badToken)
  })
  await app.register(exportRoutes, routes)
  await app.register(statsRoutes, routes)
  await app.register(adminRoutes, routes)
}
