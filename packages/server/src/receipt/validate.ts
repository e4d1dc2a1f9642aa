// What a receipt is: exactly what @samtykke/core's sendReceipt posts (its `Receipt` type), checked field by field by
// the core's own rules (revision, category names, how, the day), so that every receipt of a config the core takes is
// taken here too (agreement.test.ts).
import { CATEGORY_NAME, DAY, HOWS, REVISION, type How, type Receipt as SentReceipt } from '@samtykke/core'
import { badCategoryName, fieldError } from '../errors'
import { textProblem, timeProblem } from './storable'

export type { How }
// The core's consent IDs are 32 hex digits (128 random bits); older cookies carry 24 (96 bits). Anything URL-safe of
// 16–64 characters is taken, so IDs from other clients and from before the change are kept too.
export const CONSENT_ID = /^[A-Za-z0-9_-]{16,64}$/
const RECEIPT_ID = /^[A-Za-z0-9_.:-]{8,80}$/
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$/
/** The fields every receipt has (`v` and `gpc` may be left out; `rid`, `lang` and `surface` are optional). */
const REQUIRED: (keyof SentReceipt)[] = ['id', 'time', 'revision', 'how', 'categories', 'url']

/** A receipt as checked, before the server adds what it knows (time received, site, chain). */
export interface Receipt {
  /** Idempotency key: the client's receipt ID when it sends one, else consent ID + decision time. */
  key: string
  consentId: string
  /** Decision time (the client's clock), ms since the epoch. */
  decidedAt: number
  revision: string
  how: How
  gpc: boolean
  /** Every category, refusals included. */
  categories: Record<string, boolean>
  /** The page's origin; the page path without query or fragment. */
  origin: string
  path: string
  lang: string | null
  surface: string | null
}

export interface CheckOptions {
  /** Categories the site has; unset = any well-formed name. */
  categories?: readonly string[]
  now?: number
}

/** Checks a receipt body (a JSON string); returns the receipt, or an error naming the field. */
export function checkReceipt(
  body: unknown,
  { categories, now = Date.now() }: CheckOptions = {},
): Receipt | { error: string } {
  let sent: any = body
  if (typeof body == 'string') {
    try {
      sent = JSON.parse(body)
    } catch (error) {
      return { error: fieldError('body', `not JSON (${(error as Error).message})`) }
    }
  }
  if (!sent || typeof sent != 'object' || Array.isArray(sent))
    return { error: fieldError('body', 'must be a JSON object') }
  const bad = (field: string, problem: string) => ({ error: fieldError(field, problem) })
  const unstorable = firstTextProblem(sent)
  if (unstorable) return bad(unstorable.field, unstorable.problem)
  const missing = REQUIRED.find((f) => sent[f] === undefined || sent[f] === null)
  if (missing) return bad(missing, 'is missing')
  if (sent.v !== undefined && sent.v !== 1) return bad('v', `must be 1 (got ${JSON.stringify(sent.v)})`)
  if (typeof sent.id != 'string') return bad('id', `must be a string (got ${typeof sent.id})`)
  if (!CONSENT_ID.test(sent.id))
    return bad('id', 'must be 16–64 letters, digits, - or _ (the consent ID samtykke made)')
  if (typeof sent.time != 'string') return bad('time', `must be an ISO 8601 string (got ${typeof sent.time})`)
  const decidedAt = Date.parse(sent.time)
  if (!ISO.test(sent.time) || Number.isNaN(decidedAt))
    return bad(
      'time',
      `must be an ISO 8601 time like 2026-12-03T08:00:00.000Z (got ${JSON.stringify(sent.time.slice(0, 40))})`,
    )
  if (decidedAt > now + DAY) return bad('time', 'is more than a day in the future')
  const early = timeProblem(decidedAt)
  if (early) return bad('time', early)
  if (typeof sent.revision != 'string' && typeof sent.revision != 'number')
    return bad('revision', `must be a string (got ${typeof sent.revision})`)
  const revision = String(sent.revision)
  if (!REVISION.test(revision))
    return bad(
      'revision',
      "must be up to 16 letters, digits, _ . or - as in the site's config " +
        `(got ${JSON.stringify(revision.slice(0, 40))})`,
    )
  if (!HOWS.includes(sent.how)) return bad('how', `must be one of ${HOWS.join(', ')} (got ${JSON.stringify(sent.how)})`)
  if (sent.gpc !== undefined && typeof sent.gpc != 'boolean')
    return bad('gpc', `must be true or false (got ${typeof sent.gpc})`)
  if (typeof sent.categories != 'object' || Array.isArray(sent.categories))
    return bad('categories', 'must be an object of category → true/false')
  const entries = Object.entries(sent.categories)
  if (!entries.length) return bad('categories', 'is empty')
  for (const [name, on] of entries) {
    if (!CATEGORY_NAME.test(name)) return { error: badCategoryName(name) }
    if (typeof on != 'boolean') return bad(`categories.${name}`, `must be true or false (got ${typeof on})`)
    if (categories && !categories.includes(name))
      return bad(`categories.${name}`, `is not a category of this site (it has ${categories.join(', ')})`)
  }
  if (sent.categories.necessary !== true)
    return bad('categories.necessary', 'must be true (strictly necessary storage needs no consent)')
  if (typeof sent.url != 'string') return bad('url', `must be a string (got ${typeof sent.url})`)
  let url: URL
  try {
    url = new URL(sent.url)
  } catch {
    return bad('url', 'is not a URL')
  }
  if (url.protocol != 'https:' && url.protocol != 'http:') return bad('url', 'must be an http(s) page URL')
  for (const field of ['lang', 'surface', 'rid'] as const)
    if (sent[field] !== undefined && (typeof sent[field] != 'string' || !/^[\w.:-]{1,80}$/.test(sent[field])))
      return bad(field, 'must be a short string (letters, digits, - _ . :)')
  if (sent.rid !== undefined && !RECEIPT_ID.test(sent.rid)) return bad('rid', 'must be 8–80 letters, digits or - _ . :')
  return {
    key: sent.rid ?? `${sent.id}@${new Date(decidedAt).toISOString()}`,
    consentId: sent.id,
    decidedAt,
    revision,
    how: sent.how,
    gpc: sent.gpc === true,
    categories: Object.fromEntries(entries) as Record<string, boolean>,
    origin: url.origin,
    // Proof needs the page, not what the visitor searched for: no query, no fragment.
    path: url.pathname.slice(0, 512),
    lang: sent.lang ?? null,
    surface: sent.surface ?? null,
  }
}

/** The first string field (or category name) the database could not store as it is, with the reason. */
function firstTextProblem(fields: Record<string, unknown>): { field: string; problem: string } | undefined {
  for (const field of ['id', 'time', 'revision', 'how', 'url', 'lang', 'surface', 'rid']) {
    const problem = typeof fields[field] == 'string' ? textProblem(fields[field] as string) : undefined
    if (problem) return { field, problem }
  }
  const categories = fields.categories && typeof fields.categories == 'object' ? Object.keys(fields.categories) : []
  for (const name of categories) {
    const problem = textProblem(name)
    if (problem) return { field: 'categories', problem: `a category name ${problem}` }
  }
  return undefined
}

/** The IPv4 address without its last octet, the IPv6 address cut to its /48: enough for a dispute, not a person. */
export function truncateIp(ip: string): string {
  const v4 = ip.replace(/^::ffff:/, '')
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) return v4.replace(/\.\d+$/, '.0')
  const parts = ip.split('::')[0].split(':').slice(0, 3)
  return parts.join(':') + '::/48'
}

/** A coarse browser class from the user agent: the engine family and whether it is mobile, nothing else. */
export function browserClass(ua: string | undefined): string | null {
  if (!ua) return null
  const mobile = /Mobi|Android|iPhone|iPad/.test(ua) ? ' mobile' : ''
  const family = /Firefox\//.test(ua)
    ? 'firefox'
    : /Edg\//.test(ua)
      ? 'edge'
      : /Chrom(e|ium)\//.test(ua)
        ? 'chromium'
        : /Safari\//.test(ua)
          ? 'safari'
          : 'other'
  return family + mobile
}
