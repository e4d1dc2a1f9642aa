// What the route plugins share: the app's options, the resolved rate limits and the sites' origin policy.
import type { AppOptions } from './app'
import type { originPolicy } from '../receipt/site'

export interface Routes {
  o: AppOptions
  limits: { receipts: number; lookups: number; api: number }
  policy: ReturnType<typeof originPolicy>
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A token-guarded route a browser opens (the admin page): a refusal asks for the token as a Basic password. */
    basicAuth?: boolean
  }
}
