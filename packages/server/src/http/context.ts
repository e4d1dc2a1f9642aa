// What the route plugins share: the app's options, the resolved rate limits and the sites' origin policy.
import type { Db } from '../db'
import type { ReceiptWriter } from '../log/writer'
import type { originPolicy, Site } from '../receipt/site'
import type { TrustProxy } from './proxy'

/** What the app is built from: the database, the writer, the sites, and the options of `samtykke serve`. */
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
  /**
   * Which proxies' X-Forwarded-For to believe (for the rate limit and the truncated IP); see TrustProxy. Default none.
   */
  trustProxy?: TrustProxy
  onError?: (e: unknown) => void
  /**
   * Called for each receipt refused for its origin (not one of the sites): the server logs it, once a minute per
   * origin.
   */
  onRefusedOrigin?: (origin: string) => void
}

export interface Routes {
  options: AppOptions
  limits: { receipts: number; lookups: number; api: number }
  policy: ReturnType<typeof originPolicy>
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A token-guarded route a browser opens (the admin page): a refusal asks for the token as a Basic password. */
    basicAuth?: boolean
  }
}
