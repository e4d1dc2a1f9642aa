// The token-guarded routes (export, stats, the admin page), in one encapsulated plugin with one token check.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import * as msg from '../errors'
import { adminRoutes } from './admin'
import { sameToken, tokenOf } from './auth'
import type { Routes } from './context'
import { exportRoutes } from './export'
import { fail } from './fail'
import { statsRoutes } from './stats'

export async function guardedRoutes(app: FastifyInstance, routes: Routes): Promise<void> {
  const token = routes.options.token
  const checkToken = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!token) return fail(reply, 403, msg.noToken)
    if (sameToken(tokenOf(req.headers.authorization), token)) return
    if (req.routeOptions.config.basicAuth)
      reply.header('www-authenticate', 'Basic realm="samtykke admin", charset="UTF-8"')
    return fail(reply, 401, msg.badToken)
  }
  // An onRequest hook: a request without the token is refused before its query string is checked or a body read. It
  // runs last among each route's onRequest hooks, after the route's rate limit (its own onRequest hook, added as the
  // route is declared), so that every wrong guess of the token counts against the limit. A hook of this plugin
  // (app.addHook('onRequest')) would run before the route's own hooks, and wrong guesses would go uncounted.
  app.addHook('onRoute', (route) => {
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat()
    route.onRequest = [...own, checkToken as onRequestHookHandler]
  })
  await app.register(exportRoutes, routes)
  await app.register(statsRoutes, routes)
  await app.register(adminRoutes, routes)
}
