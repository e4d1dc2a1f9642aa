// Every error answer of the HTTP API, in process (app.inject), on a real PGlite database and a real writer: the status,
// the message naming what to fix, and the CORS header that lets the page read it.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPglite, type Db } from '../db'
import type { Entry } from '../log/entry'
import { Journal } from '../log/journal'
import { ReceiptWriter, type WriterOptions } from '../log/writer'
import { makeSite } from '../receipt/site'
import { freshDataDir, receipt } from '../../test/helpers'
import { buildApp, type AppOptions } from './app'

const SITE = 'http://localhost:8080'
const EVIL = 'https://evil.example'
const TOKEN = 'inject-token-0123456789'
const CONFIG = {
  revision: '2026-11-25',
  categories: {
    preferences: false as const,
    analytics: { label: 'Statistikk' },
    marketing: { label: 'Markedsføring' },
  },
}

let db: Db
const dirs: string[] = []
beforeAll(async () => {
  const dir = freshDataDir()
  dirs.push(dir)
  db = await openPglite(join(dir, 'pgdata'))
})
afterAll(async () => {
  await db?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** The app as samtykke serve builds it, on `on` (default: the shared database) with a writer of its own. */
async function app(over: Partial<AppOptions> = {}, writer: WriterOptions = {}, on = db) {
  const options: AppOptions = {
    db: on,
    writer: new ReceiptWriter(on, writer),
    sites: [makeSite({ origin: SITE, config: CONFIG })],
    snapshotOf: () => null,
    token: TOKEN,
    ...over,
  }
  return buildApp(options)
}

type App = Awaited<ReturnType<typeof app>>

const postReceipt = (a: App, body: unknown, headers: Record<string, string> = {}) =>
  a.inject({
    method: 'POST',
    url: '/v1/receipts',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    payload: typeof body == 'string' ? body : JSON.stringify(body),
  })

/** What a page reads of an error answer. */
const seen = (res: LightMyRequestResponse) => ({
  status: res.statusCode,
  type: res.headers['content-type'],
  cors: res.headers['access-control-allow-origin'],
  error: res.json().error,
})

describe('the error answers of the HTTP API', () => {
  it(
    '400 names the field: JSON, a missing body, a category the ' + 'site lacks, a consent ID, a time, a format',
    async () => {
      const a = await app()
      const bad = async (res: Promise<LightMyRequestResponse>) => {
        const r = await res
        expect(r.statusCode, r.body).toBe(400)
        return r.json().error
      }
      expect(await bad(postReceipt(a, '{"id": "', { origin: SITE }))).toMatch(/^samtykke serve: body: not JSON/)
      expect(await bad(a.inject({ method: 'POST', url: '/v1/receipts', headers: { origin: SITE } }))).toBe(
        'samtykke serve: body: is missing (post the receipt as JSON)',
      )
      expect(
        await bad(postReceipt(a, receipt({ categories: { necessary: true, social: true } }), { origin: SITE })),
      ).toBe(
        'samtykke serve: categories.social: is not a category of http://localhost:8080 (it has necessary, ' +
          'analytics, marketing)',
      )
      expect(await bad(a.inject('/v1/receipts/short'))).toBe(
        'samtykke serve: consentId: must be 16–64 letters, digits, - or _',
      )
      const auth = { authorization: `Bearer ${TOKEN}` }
      const when = 'must be a date or time (2026-12-01 or ISO 8601)'
      expect(await bad(a.inject({ url: '/v1/export?from=yesterday', headers: auth }))).toBe(
        `samtykke serve: from: ${when}`,
      )
      expect(await bad(a.inject({ url: '/v1/stats?to=soon', headers: auth }))).toBe(`samtykke serve: to: ${when}`)
      expect(await bad(a.inject({ url: '/v1/export?format=xlsx', headers: auth }))).toBe(
        'samtykke serve: format: must be ndjson or csv',
      )
      await a.close()
    },
  )

  it('401 without the right token; the admin page also asks a browser for it as a Basic password', async () => {
    const a = await app()
    for (const url of ['/v1/export', '/v1/stats', '/admin', '/admin/stats.json']) {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        `Basic ${Buffer.from('admin:wrong').toString('base64')}`,
      ]) {
        const res = await a.inject({ url, headers: authorization ? { authorization } : {} })
        expect({ url, status: res.statusCode, error: res.json().error }).toEqual({
          url,
          status: 401,
          error: 'samtykke serve: a wrong or missing token: send "Authorization: Bearer <SAMTYKKE_TOKEN>"',
        })
        const asks = url.startsWith('/admin') ? 'Basic realm="samtykke admin", charset="UTF-8"' : undefined
        expect(res.headers['www-authenticate'], url).toBe(asks)
      }
    }
    const basic = await a.inject({
      url: '/admin',
      headers: { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` },
    })
    expect([basic.statusCode, basic.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8'])
    await a.close()
  })

  it(
    '403 for a refused origin, with the CORS header for that origin so the page can read why; and with no token ' +
      'set',
    async () => {
      const a = await app()
      expect(seen(await postReceipt(a, receipt(), { origin: EVIL }))).toEqual({
        status: 403,
        type: 'application/json; charset=utf-8',
        cors: EVIL,
        error:
          `samtykke serve: origin ${EVIL} may not send receipts here; start the server with --site ${EVIL} (or ` +
          `SAMTYKKE_SITES) to allow it`,
      })
      expect(seen(await postReceipt(a, receipt({ url: `${EVIL}/` }), { origin: SITE }))).toEqual({
        status: 403,
        type: 'application/json; charset=utf-8',
        cors: SITE,
        error: `samtykke serve: url: the page (${EVIL}) is not on the sending origin (${SITE})`,
      })
      await a.close()
      const off = await app({ token: undefined })
      for (const url of ['/v1/export', '/v1/stats', '/admin']) {
        const res = await off.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } })
        expect([res.statusCode, res.json().error]).toEqual([
          403,
          'samtykke serve: this endpoint is off: start the server with SAMTYKKE_TOKEN=<a long random string> in ' +
            'its environment to use it',
        ])
      }
      await off.close()
    },
  )

  it("a route's schema refuses with the field's own message, never the schema checker's words", async () => {
    const a = await app()
    const auth = { authorization: `Bearer ${TOKEN}` }
    const answer = async (res: Promise<LightMyRequestResponse>) => {
      const r = await res
      return [r.statusCode, r.json().error]
    }
    // Each is refused by the route's schema (a pattern, an enum, a string given twice, an empty body).
    expect(await answer(a.inject(`/v1/receipts/${'d'.repeat(65)}`))).toEqual([
      400,
      'samtykke serve: consentId: must be 16–64 letters, digits, - or _',
    ])
    expect(await answer(a.inject({ url: '/v1/export?format=csv&format=csv', headers: auth }))).toEqual([
      400,
      'samtykke serve: format: must be ndjson or csv',
    ])
    const when = 'must be a date or time (2026-12-01 or ISO 8601)'
    expect(await answer(a.inject({ url: '/v1/stats?from=2026-12-01&from=2026-12-02', headers: auth }))).toEqual([
      400,
      `samtykke serve: from: ${when}`,
    ])
    expect(await answer(a.inject({ url: '/admin/stats.json?to=a&to=b', headers: auth }))).toEqual([
      400,
      `samtykke serve: to: ${when}`,
    ])
    expect(await answer(postReceipt(a, '', { origin: SITE }))).toEqual([
      400,
      'samtykke serve: body: is missing (post the receipt as JSON)',
    ])
    await a.close()
  })

  it(
    'refuses a request without the token before it reads its query, ' +
      'and a refused origin before it reads the receipt',
    async () => {
      const refused: string[] = []
      const a = await app({ onRefusedOrigin: (origin) => refused.push(origin) })
      // A bad query string is the token holder's to hear about: without the token, it is a 401 like any other.
      for (const url of ['/v1/export?format=xlsx', '/v1/stats?from=yesterday', '/admin/stats.json?to=soon']) {
        const res = await a.inject({ url, headers: { authorization: 'Bearer guess' } })
        expect([url, res.statusCode, res.json().error]).toEqual([
          url,
          401,
          'samtykke serve: a wrong or missing token: send "Authorization: Bearer <SAMTYKKE_TOKEN>"',
        ])
      }
      const off = await app({ token: undefined })
      expect((await off.inject('/v1/export?format=xlsx')).statusCode).toBe(403)
      await off.close()
      // An origin that may not send is told so, whatever it sent: too large, the wrong type, or nothing.
      const origin = { origin: EVIL }
      const large = await postReceipt(a, receipt({ url: `${EVIL}/${'a'.repeat(4200)}` }), origin)
      const form = await postReceipt(a, receipt(), { ...origin, 'content-type': 'application/x-www-form-urlencoded' })
      const none = await a.inject({ method: 'POST', url: '/v1/receipts', headers: origin })
      for (const res of [large, form, none])
        expect(seen(res)).toMatchObject({
          status: 403,
          cors: EVIL,
          error: expect.stringContaining(`origin ${EVIL} may not send receipts here`),
        })
      expect(refused).toEqual([EVIL, EVIL, EVIL])
      await a.close()
    },
  )

  it('404 for a path the API lacks and for a consent ID with no receipts', async () => {
    const a = await app()
    const missing = await a.inject({ url: '/v1/nothing?x=1', headers: { origin: EVIL } })
    expect(seen(missing)).toMatchObject({ status: 404, cors: EVIL })
    expect(missing.json().error).toBe(
      "samtykke serve: no GET /v1/nothing here; see the API in @samtykke/server's README",
    )
    const id = 'a'.repeat(24)
    expect([
      (await a.inject(`/v1/receipts/${id}`)).statusCode,
      (await a.inject(`/v1/receipts/${id}`)).json().error,
    ]).toEqual([404, `samtykke serve: no receipts for consent ID ${id}`])
    await a.close()
  })

  it('413 for a receipt over 4096 bytes and 415 for a form post, and nothing stored from either', async () => {
    const a = await app()
    const before = Number((await db.query('SELECT count(*)::int AS n FROM receipts')).rows[0].n)
    const large = await postReceipt(a, receipt({ url: `${SITE}/${'a'.repeat(4200)}` }), { origin: SITE })
    expect(seen(large)).toEqual({
      status: 413,
      type: 'application/json; charset=utf-8',
      cors: SITE,
      error: "samtykke serve: the receipt is larger than 4096 bytes; samtykke's receipts are well under 1 KB",
    })
    const form = await postReceipt(a, receipt(), { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' })
    expect(seen(form)).toMatchObject({
      status: 415,
      cors: SITE,
      error: 'samtykke serve: send the receipt as text/plain or application/json',
    })
    expect(Number((await db.query('SELECT count(*)::int AS n FROM receipts')).rows[0].n)).toBe(before)
    await a.close()
  })

  it(
    '429 past each rate limit: receipts, look-ups, and wrong guesses of the token (which count before the token ' +
      'is checked)',
    async () => {
      const a = await app({ rateLimit: { receipts: 2, lookups: 2, api: 3 } })
      const statuses = async (n: number, send: () => Promise<LightMyRequestResponse>) => {
        const out: number[] = []
        for (let i = 0; i < n; i++) out.push((await send()).statusCode)
        return out
      }
      expect(await statuses(3, () => postReceipt(a, receipt(), { origin: SITE }))).toEqual([201, 201, 429])
      expect(await statuses(3, () => a.inject('/v1/receipts/' + 'b'.repeat(20)))).toEqual([404, 404, 429])
      expect(
        await statuses(4, () => a.inject({ url: '/v1/export', headers: { authorization: 'Bearer guess' } })),
      ).toEqual([401, 401, 401, 429])
      const limited = await a.inject({ url: '/v1/export', headers: { authorization: `Bearer ${TOKEN}`, origin: SITE } })
      expect(seen(limited)).toMatchObject({
        status: 429,
        cors: SITE,
        error: expect.stringMatching(/^samtykke serve: more than 3 requests per /),
      })
      await a.close()
    },
  )

  it('503 with Retry-After 1 while too many receipts wait to be stored', async () => {
    const a = await app({}, { maxWaiting: 0 })
    const res = await postReceipt(a, receipt(), { origin: SITE })
    expect([seen(res), res.headers['retry-after']]).toEqual([
      {
        status: 503,
        type: 'application/json; charset=utf-8',
        cors: SITE,
        error: 'samtykke serve: too many receipts waiting to be stored; retry in a moment',
      },
      '1',
    ])
    await a.close()
  })

  it(
    '400, not stored, for a receipt the database cannot store as ' + 'it is (and sending it again will not help)',
    async () => {
      const a = await app({ snapshotOf: () => 'snap\u0000shot' })
      const res = await postReceipt(a, receipt(), { origin: SITE })
      expect([res.statusCode, res.json().error]).toEqual([
        400,
        'samtykke serve: the receipt cannot be stored (snapshotHash: contains a control character (U+0000 at 4)); ' +
          'it was not stored, and sending it again will not help',
      ])
      await a.close()
    },
  )

  it('503 with Retry-After 5 when the journal cannot be written, and /healthz says why', async () => {
    const dir = freshDataDir()
    dirs.push(dir)
    const journal = new Journal<Entry>(join(dir, 'journal'), () => {})
    const errors: unknown[] = []
    const a = await app({ journalProblem: () => journal.problem(), onError: (e) => errors.push(e) }, { journal })
    // The journal's folder is gone (a disk unmounted, a clean-up run by mistake).
    rmSync(join(dir, 'journal'), { recursive: true })
    const res = await postReceipt(a, receipt(), { origin: SITE })
    expect([res.statusCode, res.headers['retry-after'], res.headers['access-control-allow-origin']]).toEqual([
      503,
      '5',
      SITE,
    ])
    expect(res.json().error).toMatch(
      /^samtykke serve: the journal cannot be written \(ENOENT: .*\); the receipt was not stored\. Retry later \(the client keeps it\)\.$/,
    )
    expect(errors).toHaveLength(1)
    const health = await a.inject('/healthz')
    expect([health.statusCode, health.json()]).toEqual([
      503,
      { status: 'journal unavailable', database: 'pglite', reason: expect.stringMatching(/^ENOENT/) },
    ])
    await a.close()
    await journal.close()
  })

  it(
    '503 when the database is down: receipts and look-ups say to retry; ' + 'the stats answer 500; /healthz says which',
    async () => {
      const dir = freshDataDir()
      dirs.push(dir)
      const down = await openPglite(join(dir, 'pgdata'))
      const a = await app({ onError: () => {} }, {}, down)
      await down.close()
      const res = await postReceipt(a, receipt(), { origin: SITE })
      expect([seen(res), res.headers['retry-after']]).toEqual([
        {
          status: 503,
          type: 'application/json; charset=utf-8',
          cors: SITE,
          error:
            'samtykke serve: the database is unavailable; the receipt was not stored. Retry later (the client ' +
            'keeps it).',
        },
        '5',
      ])
      const lookup = await a.inject({ url: '/v1/receipts/' + 'c'.repeat(20), headers: { origin: SITE } })
      expect(seen(lookup)).toMatchObject({
        status: 503,
        cors: SITE,
        error: 'samtykke serve: the database is unavailable; retry later',
      })
      const stats = await a.inject({ url: '/v1/stats', headers: { authorization: `Bearer ${TOKEN}` } })
      expect([stats.statusCode, stats.json().error]).toEqual([500, 'samtykke serve: internal error'])
      const health = await a.inject('/healthz')
      expect([health.statusCode, health.json()]).toEqual([503, { status: 'database unavailable', database: 'pglite' }])
      await a.close()
    },
  )
})
