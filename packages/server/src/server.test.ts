// The API as a site and its owner use it, against both back ends: PGlite (the default) and a real Postgres server.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { applyRetention } from './log/retention'
import { verifyChain } from './log/verify'
import { startServer, type RunningServer } from './server'
import { backends, consentId, post, receipt, sql, type Backend } from '../test/helpers'

const SITE = 'http://localhost:8080'
const TOKEN = 'test-token-0123456789'
const CONFIG = {
  revision: '2026-11-25',
  lang: 'nb' as const,
  categories: {
    preferences: false as const,
    analytics: { label: 'Statistikk' },
    marketing: { label: 'Markedsføring' },
  },
}

describe.each(backends)('the consent log on %s', (_name, make) => {
  let s: RunningServer
  let backend: Backend
  const count = async (where = 'true', params: unknown[] = []) =>
    Number((await s.db.query(`SELECT count(*)::int AS n FROM receipts WHERE ${where}`, params)).rows[0].n)
  const auth = { authorization: `Bearer ${TOKEN}` }

  beforeAll(async () => {
    backend = await make()
    s = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      sites: [{ origin: SITE, config: CONFIG }],
      token: TOKEN,
      rateLimit: { lookups: 8 },
      warn: () => {},
    })
  })
  afterAll(() => s?.close())

  it('stores a beacon (text/plain) and a fetch (JSON), and answers only once the row is committed', async () => {
    const beacon = receipt({ how: 'custom', categories: { necessary: true, analytics: true, marketing: false } })
    const json = receipt({
      how: 'none',
      gpc: true,
      categories: { necessary: true, analytics: false, marketing: false },
    })
    const [a, b] = await Promise.all([
      post(s.url, beacon, { origin: SITE }),
      post(s.url, json, { origin: SITE, 'content-type': 'application/json' }),
    ])
    expect([a.status, b.status]).toEqual([201, 201])
    const rows = (
      await s.db.query('SELECT * FROM receipts WHERE consent_id = ANY($1::text[]) ORDER BY how', [[beacon.id, json.id]])
    ).rows
    expect(rows).toHaveLength(2)
    const custom = rows.find((r) => r.how == 'custom')
    // Refusals are kept; the page path without its query; no IP, no user agent; linked to what the banner showed.
    expect(custom).toMatchObject({
      site: SITE,
      path: '/tjenester',
      categories: { necessary: true, analytics: true, marketing: false },
      event: 'given',
      ip: null,
      browser: null,
    })
    expect(rows.find((r) => r.how == 'none')).toMatchObject({
      gpc: true,
      categories: { analytics: false, marketing: false },
    })
    const snapshot = (
      await s.db.query('SELECT hash, content FROM snapshots WHERE site = $1 AND revision = $2 AND lang = $3', [
        SITE,
        '2026-11-25',
        'nb',
      ])
    ).rows[0]
    expect(custom.snapshot_hash).toBe(snapshot.hash)
    expect(snapshot.content.categories.map((c: { name: string; label?: string }) => c.label ?? c.name)).toEqual([
      'necessary',
      'Statistikk',
      'Markedsføring',
    ])
  })

  it('stores a retried beacon once: the unique key decides, also for retries that arrive together', async () => {
    const r = receipt()
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(s.url, r)))
    answers.push(await post(s.url, r))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201])
    expect(answers.every((a) => a.body.stored)).toBe(true)
    expect(await count('consent_id = $1', [r.id])).toBe(1)
  })

  it('refuses bad input with a precise status and message, and stores nothing from it', async () => {
    const before = await count()
    const id = consentId()
    const cases: [unknown, Record<string, string>, number, RegExp][] = [
      [
        JSON.stringify(receipt({ id, revision: 'x'.repeat(60), url: SITE + '/' + 'a'.repeat(4200) })),
        {},
        413,
        /larger than 4096 bytes/,
      ],
      ['{"id": "' + id, {}, 400, /body: not JSON/],
      [receipt({ id, how: 7 }), {}, 400, /how: must be one of all, none, custom, api/],
      [
        receipt({ id, categories: { necessary: true, social: true } }),
        {},
        400,
        /categories\.social: is not a category of http:\/\/localhost:8080 \(it has necessary, analytics, marketing\)/,
      ],
      [{ ...receipt({ id }), categories: undefined }, {}, 400, /categories: is missing/],
      [
        receipt({ id }),
        { origin: 'https://evil.example' },
        403,
        /origin https:\/\/evil\.example may not send receipts here/,
      ],
      [receipt({ id, url: 'https://evil.example/' }), {}, 403, /origin https:\/\/evil\.example may not send/],
      [receipt({ id }), { origin: 'http://localhost:9999' }, 403, /origin http:\/\/localhost:9999 may not send/],
      [
        receipt({ id }),
        { 'content-type': 'application/x-www-form-urlencoded' },
        415,
        /text\/plain or application\/json/,
      ],
      // What the database cannot store, or would store as something else than the chain hashed (issue 17).
      [receipt({ id, revision: '2026\u000011' }), {}, 400, /revision: contains a control character \(U\+0000 at 4\)/],
      [receipt({ id, revision: '2026\ud800' }), {}, 400, /revision: contains a lone UTF-16 surrogate \(U\+D800 at 4\)/],
      [receipt({ id, url: SITE + '/\u0000' }), {}, 400, /url: contains a control character/],
      [receipt({ id, time: '0000-01-01T00:00:00.000Z' }), {}, 400, /time: is before 2000/],
      [receipt({ id, time: '1899-06-01T00:00:00.000Z' }), {}, 400, /time: is before 2000/],
      [receipt({ id, revision: 'x;=1+1;' }), {}, 400, /revision: must be up to 16 letters, digits, _ \. or -/],
    ]
    for (const [body, headers, status, message] of cases) {
      const a = await post(s.url, body, headers)
      expect({ status: a.status, error: a.body?.error }).toMatchObject({
        status,
        error: expect.stringMatching(message),
      })
    }
    expect(await count()).toBe(before)
    expect(await count('consent_id = $1', [id])).toBe(0)
  })

  it('sends back the consent cookie the receipt proves, for what remains of its lifetime, and no other', async () => {
    // Decided ten days ago; the beacon, on the site's own origin, carries the cookie it proves.
    const decided = Math.floor(Date.now() / 1000) * 1000 - 10 * 864e5
    const r = receipt({ time: new Date(decided).toISOString() })
    const value = `1~2026-11-25~${(decided / 1000).toString(36)}~${r.id}~0~0~necessary:1.analytics:1.marketing:1`
    const send = (cookie: string) =>
      fetch(s.url + '/v1/receipts', {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: SITE, cookie },
        body: JSON.stringify(r),
      })
    const first = await send(`andre=1; samtykke=${value}`)
    expect(first.status).toBe(201)
    const set = first.headers.get('set-cookie')!
    expect(set.startsWith(`samtykke=${value}; `)).toBe(true)
    expect(set).toMatch(/; Path=\/; SameSite=Lax/)
    // 182 days from the decision, ten of them gone: never counted from today.
    expect(Math.abs(Number(/Max-Age=(\d+)/.exec(set)![1]) - 172 * 86400)).toBeLessThan(5)
    // A tampered record, another visitor's record, or none: nothing is sent back.
    for (const cookie of [
      `samtykke=${value.replace('necessary:1', 'necessary:0')}`,
      `samtykke=${value.replace(r.id, consentId())}`,
      '',
    ]) {
      const again = await send(cookie)
      expect(again.status).toBe(200)
      expect(again.headers.get('set-cookie'), cookie).toBeNull()
    }
  })

  it('allows CORS from the site only', async () => {
    const preflight = (origin: string) =>
      fetch(s.url + '/v1/receipts', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      })
    expect((await preflight(SITE)).headers.get('access-control-allow-origin')).toBe(SITE)
    // Refused: the answer is no 2xx and allows no method (it names the origin, as every error does, to show its
    // reason).
    const refused = await preflight('https://evil.example')
    expect([refused.ok, refused.headers.get('access-control-allow-methods')]).toEqual([false, null])
  })

  it(
    'carries the CORS header on every error answer, for the origin that asked, ' +
      'refused ones included, so the page can read why',
    async () => {
      const send = (origin: string, body: string, path = '/v1/receipts') =>
        fetch(s.url + path, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin }, body })
      const cases: [string, string, number, RegExp][] = [
        [
          'https://evil.example',
          JSON.stringify(receipt()),
          403,
          /origin https:\/\/evil\.example may not send receipts here; start the server with --site https:\/\/evil\.example/,
        ],
        [
          SITE,
          JSON.stringify(receipt({ url: 'https://evil.example/' })),
          403,
          /url: the page \(https:\/\/evil\.example\) is not on the sending origin/,
        ],
        [SITE, '{"id": "', 400, /body: not JSON/],
        [
          SITE,
          JSON.stringify(receipt({ revision: 'x'.repeat(60), url: SITE + '/' + 'a'.repeat(4200) })),
          413,
          /larger than 4096 bytes/,
        ],
      ]
      for (const [origin, body, status, message] of cases) {
        const res = await send(origin, body)
        expect({
          status: res.status,
          cors: res.headers.get('access-control-allow-origin'),
          vary: res.headers.get('vary'),
        }).toEqual({ status, cors: origin, vary: expect.stringMatching(/Origin/) })
        expect((await res.json()).error).toMatch(message)
      }
      const missing = await fetch(s.url + '/v1/nothing', { headers: { origin: 'https://evil.example' } })
      expect([missing.status, missing.headers.get('access-control-allow-origin')]).toEqual([
        404,
        'https://evil.example',
      ])
      // Data is for the site alone: a refused origin reads no receipt history.
      const r = receipt()
      expect((await post(s.url, r, { origin: SITE })).status).toBe(201)
      const history = await fetch(`${s.url}/v1/receipts/${r.id}`, { headers: { origin: 'https://evil.example' } })
      expect([history.status, history.headers.get('access-control-allow-origin')]).toEqual([200, null])
    },
  )

  it("shows a consent ID's history: given, withdrawn, changed, each with its chain hash", async () => {
    const id = consentId()
    const t = Date.now() - 60_000
    const send = (ms: number, how: string, analytics: boolean) =>
      post(
        s.url,
        receipt({
          id,
          how,
          time: new Date(t + ms).toISOString(),
          categories: { necessary: true, analytics, marketing: false },
        }),
        { origin: SITE },
      )
    expect((await send(0, 'all', true)).status).toBe(201)
    expect((await send(1000, 'custom', false)).status).toBe(201)
    expect((await send(2000, 'custom', true)).status).toBe(201)
    const res = await fetch(`${s.url}/v1/receipts/${id}`, { headers: { origin: SITE } })
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE)
    const { receipts } = await res.json()
    expect(receipts.map((r: { event: string; how: string }) => `${r.event}:${r.how}`)).toEqual([
      'given:all',
      'withdrawn:custom',
      'changed:custom',
    ])
    expect(receipts[0].hash).toMatch(/^[0-9a-f]{64}$/)
    expect((await fetch(`${s.url}/v1/receipts/${consentId()}`)).status).toBe(404)
    expect((await fetch(`${s.url}/v1/receipts/not%20an%20id`)).status).toBe(400)
  })

  it('rate-limits look-ups by consent ID per address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await fetch(`${s.url}/v1/receipts/${consentId()}`)).status)
    expect(statuses).toContain(429)
    const res = await fetch(`${s.url}/v1/receipts/${consentId()}`)
    expect(res.status).toBe(429)
    expect((await res.json()).error).toMatch(/more than 8 requests per/)
  })

  it('exports NDJSON and CSV for a time range behind the token, SQL- and HTML-like strings kept as data', async () => {
    const odd = receipt({ revision: 'odd.1', url: SITE + "/a'b<script>');DROP TABLE receipts;--" })
    expect((await post(s.url, odd)).status).toBe(201)
    expect((await post(s.url, receipt({ revision: "1'); DROP TABLE receipts;--" }))).body.error).toMatch(
      /revision: must be up to 16 letters/,
    )
    expect((await fetch(s.url + '/v1/export')).status).toBe(401)
    expect((await fetch(s.url + '/v1/export', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    const from = new Date(Date.now() - 3600_000).toISOString()
    const nd = await fetch(`${s.url}/v1/export?from=${from}`, { headers: auth })
    expect(nd.headers.get('content-type')).toMatch(/x-ndjson/)
    const lines = (await nd.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.length).toBe(await count())
    expect(lines.find((l) => l.consent_id == odd.id)).toMatchObject({
      revision: 'odd.1',
      path: "/a'b%3Cscript%3E');DROP%20TABLE%20receipts;--",
    })
    expect((await fetch(`${s.url}/v1/export?to=${from}`, { headers: auth }).then((r) => r.text())).trim()).toBe('')
    const csv = await (await fetch(`${s.url}/v1/export?format=csv`, { headers: auth })).text()
    expect(csv.split('\n')[0]).toBe(
      'site,seq,received_at,consent_id,decided_at,key,revision,how,gpc,categories,event,surface,path,lang,' +
        'snapshot_hash,ip,browser,prev_hash,hash',
    )
    expect(csv).toContain(`,"/a'b%3Cscript%3E');DROP%20TABLE%20receipts;'--",`)
    expect(await count()).toBeGreaterThan(5)
  })

  it('exports CSV that a spreadsheet splitting on ; (Norwegian locales) reads without a formula cell', async () => {
    const formula = receipt({ url: SITE + '/x;=1+1;@SUM(A1);-2,+3' })
    expect((await post(s.url, formula)).status).toBe(201)
    const csv = await (await fetch(`${s.url}/v1/export?format=csv`, { headers: auth })).text()
    const line = csv.split('\n').find((l) => l.includes(formula.id))!
    expect(line).toContain(`,"/x;'=1+1;'@SUM(A1);'-2,+3",`)
    // Split the way such a spreadsheet splits the line: no piece starts a formula.
    expect(line.split(';').filter((piece) => /^[=+\-@]/.test(piece))).toEqual([])
  })

  it('counts each choice per day for the stats, behind the token', async () => {
    expect((await fetch(s.url + '/v1/stats')).status).toBe(401)
    const { days } = await (await fetch(s.url + '/v1/stats', { headers: auth })).json()
    const today = days.filter((d: { day: string }) => d.day == new Date().toISOString().slice(0, 10))
    const sum = (k: string) => today.reduce((n: number, d: Record<string, number>) => n + d[k], 0)
    expect(sum('total')).toBe(await count())
    expect(sum('none')).toBe(await count(`how = 'none'`))
    expect(today.find((d: { revision: string }) => d.revision == 'odd.1')).toMatchObject({ total: 1, all: 1 })
    expect((await fetch(s.url + '/healthz').then((r) => r.json())).status).toBe('ok')
  })

  it('verify names every broken link: a hand-edited row, and a row removed after it', async () => {
    expect((await verifyChain(s.db)).map((r) => r.breaks)).toEqual([[]])
    const change = (text: string) =>
      backend.databaseUrl ? sql(backend.databaseUrl, text, [SITE]) : s.db.query(text, [SITE])
    await change(
      `UPDATE receipts SET how = 'all', categories = '{"necessary":true,"analytics":true,"marketing":true}'
        WHERE site = $1 AND seq = 2`,
    )
    // A second edit further on is not hidden behind the first.
    await change('DELETE FROM receipts WHERE site = $1 AND seq = 4')
    const [report] = await verifyChain(s.db)
    expect(report.breaks).toEqual([
      {
        seq: 2,
        consentId: expect.any(String),
        problem: 'its content does not match its hash: the row was edited after it was stored',
      },
      { seq: 5, consentId: expect.any(String), problem: 'receipts #4–#4 are missing (deleted after they were stored)' },
    ])
    // Removing the oldest receipt is not retention's doing either.
    await change('DELETE FROM receipts WHERE site = $1 AND seq = 1')
    expect((await verifyChain(s.db))[0].breaks.map((b) => [b.seq, b.problem])).toEqual([
      [2, 'receipts #1–#1 are missing, and retention has removed nothing'],
      [5, 'receipts #4–#4 are missing (deleted after they were stored)'],
    ])
  })

  it('drops whole months past retention, and keeps the snapshots', async () => {
    const months = async () =>
      (
        await s.db.query(`SELECT relname FROM pg_class WHERE relname ~ '^receipts_[0-9]{4}_[0-9]{2}$' ORDER BY 1`)
      ).rows.map((r) => r.relname)
    const now = new Date()
    const current = `receipts_${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, '0')}`
    expect(await months()).toContain(current)
    expect(await applyRetention(s.db, 7)).toEqual([])
    expect(await count()).toBeGreaterThan(0)
    const dropped = await applyRetention(s.db, 7, { now: Date.now() + 8 * 31 * 864e5 })
    expect(dropped).toContain(current)
    expect(await months()).not.toContain(current)
    expect(await count()).toBe(0)
    expect(Number((await s.db.query('SELECT count(*)::int AS n FROM receipt_keys')).rows[0].n)).toBe(0)
    expect(Number((await s.db.query('SELECT count(*)::int AS n FROM snapshots')).rows[0].n)).toBeGreaterThan(0)
    // The chain's receipts are all past retention now: that is no broken link.
    expect((await verifyChain(s.db)).map((r) => [r.receipts, r.breaks])).toEqual([[0, []]])
  })
})

describe('limits', () => {
  it('answers 429 to an address over its receipt rate', async () => {
    const [, make] = backends[0]
    const b = await make()
    const s = await startServer({ port: 0, dataDir: b.dataDir, rateLimit: { receipts: 3 }, warn: () => {} })
    try {
      const statuses = []
      for (let i = 0; i < 5; i++) statuses.push((await post(s.url, receipt())).status)
      expect(statuses).toEqual([201, 201, 201, 429, 429])
      expect(Number((await s.db.query('SELECT count(*)::int AS n FROM receipts')).rows[0].n)).toBe(3)
    } finally {
      await s.close()
    }
  })

  it('logs each refused origin once a minute, with how many more it refused in between (the clock given)', async () => {
    const [, make] = backends[0]
    const b = await make()
    let clock = Date.parse('2026-12-08T10:00:00Z')
    const lines: string[] = []
    const s = await startServer({
      port: 0,
      dataDir: b.dataDir,
      sites: [{ origin: SITE, config: CONFIG }],
      warn: (m) => lines.push(m),
      now: () => clock,
    })
    try {
      const from = async (origin: string) => expect((await post(s.url, receipt(), { origin })).status).toBe(403)
      for (let i = 0; i < 3; i++) await from('https://evil.example')
      expect(lines).toEqual([
        'samtykke serve: refused a receipt from https://evil.example: it is not one of the --site origins. ' +
          'If it is your site, start the server with --site https://evil.example (or add it to SAMTYKKE_SITES)',
      ])
      await from('https://other.example')
      expect(lines).toHaveLength(2)
      expect(lines[1]).toContain('refused a receipt from https://other.example: ')
      clock += 59_999
      await from('https://evil.example')
      expect(lines).toHaveLength(2)
      clock += 1
      await from('https://evil.example')
      expect(lines).toHaveLength(3)
      expect(lines[2]).toContain('refused a receipt from https://evil.example (and 3 more since the last line): ')
      // Receipts from the site are not logged.
      expect((await post(s.url, receipt(), { origin: SITE })).status).toBe(201)
      expect(lines).toHaveLength(3)
    } finally {
      await s.close()
    }
  })

  it("warns about a site config's unknown key once, at start, and not again for each receipt", async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const [, make] = backends[0]
    const b = await make()
    const s = await startServer({
      port: 0,
      dataDir: b.dataDir,
      sites: [{ origin: SITE, config: { ...CONFIG, colour: 'red' } as typeof CONFIG }],
      warn: () => {},
    })
    try {
      const unknown = () =>
        warnings.mock.calls.filter((c) => String(c[0]).includes('config.colour is not an option')).length
      expect(unknown()).toBe(1)
      for (let i = 0; i < 3; i++) expect((await post(s.url, receipt(), { origin: SITE })).status).toBe(201)
      expect(unknown()).toBe(1)
    } finally {
      warnings.mockRestore()
      await s.close()
    }
  })

  it('refuses a retention shorter than the consent lifetime plus a month', async () => {
    const refused = startServer({ port: 0, retentionMonths: 6, dataDir: '/nonexistent' })
    await expect(refused).rejects.toMatchObject({
      name: 'ServeError',
      code: 'BAD_OPTION',
      // Without the prefix: the command adds it where it prints the message.
      message: expect.stringMatching(
        /^--retention-months 6 is shorter than the consent lifetime \(182 days\).*at least 7$/,
      ),
    })
  })
})
