// `samtykke serve` as its user runs it: the built command in its own process.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createConsent, type Receipt } from '@samtykke/core'
import { openPglite } from './db'
import { backends, BIN, freshDataDir, post, receipt, spawnServer, type Child } from './testing/helpers'

const children: Child[] = []
afterAll(() => children.forEach((c) => c.process.kill('SIGKILL')))
const start = async (args: string[]) => {
  const c = await spawnServer(args)
  children.push(c)
  return c
}
const stop = async (c: Child) => {
  c.process.kill('SIGTERM')
  expect(await c.exited).toBe(0)
}

describe('samtykke serve on the command line', () => {
  it('warns that --token is visible in the process list, and points to SAMTYKKE_TOKEN', async () => {
    const c = await start(['--data', freshDataDir(), '--token', 'cli-token-0123456789'])
    expect(c.output()).toContain('samtykke serve: warning: --token shows the token to every user of this machine (ps lists a process\'s arguments). Set it in the environment instead: SAMTYKKE_TOKEN=<token> samtykke serve')
    await stop(c)
    const quiet = await start(['--data', freshDataDir()])
    expect(quiet.output()).not.toContain('--token shows')
    await stop(quiet)
  })

  it('takes --trust-proxy alone as one proxy, and refuses a value that is no hop count nor address', async () => {
    const c = await start(['--data', freshDataDir(), '--trust-proxy', '--rate-limit', '1'])
    const first = await post(c.url, receipt(), { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })
    const second = await post(c.url, receipt(), { 'x-forwarded-for': '198.51.100.2, 203.0.113.7' })
    expect([first.status, second.status]).toEqual([201, 429])
    await stop(c)
    const bad = spawnSync(process.execPath, [BIN, '--port', '0', '--data', freshDataDir(), '--trust-proxy', 'nginx'], { encoding: 'utf8', timeout: 20_000 })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('samtykke serve: --trust-proxy takes the number of proxies in front (1–32; given alone: 1) or their addresses, e.g. 10.0.0.0/8,loopback (got "nginx")')
  })

  it('verify lists every broken link and exits 1', { timeout: 60_000 }, async () => {
    const dir = freshDataDir()
    const c = await start(['--data', dir])
    for (let i = 0; i < 5; i++) expect((await post(c.url, receipt())).status).toBe(201)
    await stop(c)
    const db = await openPglite(join(dir, 'pgdata'))
    await db.query("UPDATE receipts SET how = 'none' WHERE seq = 2")
    await db.query('DELETE FROM receipts WHERE seq = 4')
    await db.close()
    const v = spawnSync(process.execPath, [BIN, 'verify', '--data', dir], { encoding: 'utf8', timeout: 30_000 })
    expect(v.status, v.stderr).toBe(1)
    expect(v.stderr).toMatch(/✗ http:\/\/localhost:8080: 4 receipts checked, #1–#5\. 2 broken links:\n  #2 \(consent ID \w+\): its content does not match its hash: the row was edited after it was stored\n  #5 \(consent ID \w+\): receipts #4–#4 are missing/)
  })
})

// A camelCase category is a category: the core takes `videoEmbeds` (CATEGORY_NAME), so the log must take its receipts.
// Before the rules were one, the log refused every such receipt with a 400, and the outbox gave the proof up.
describe.each(backends)('a site whose category is videoEmbeds, through samtykke serve on %s', (_name, make) => {
  const SITE = 'https://www.innfram.no'
  const CONFIG = { revision: '2026-12', categories: { videoEmbeds: { label: { nb: 'Innebygde videoer', en: 'Embedded videos' } } } }
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-site-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('stores the receipt the core makes for it (201), and refuses a name the rule refuses with a 400 naming it', async () => {
    const file = join(dir, 'config.json')
    writeFileSync(file, JSON.stringify(CONFIG))
    const backend = await make()
    const args = ['--site', `${SITE}=${file}`, ...(backend.dataDir ? ['--data', backend.dataDir] : [])]
    const c = await spawnServer(args, backend.databaseUrl ? { DATABASE_URL: backend.databaseUrl } : {})
    children.push(c)
    // The decision as the core makes it (a real store; in Node it keeps the record and posts nothing), sent as
    // sendReceipt sends it.
    const consent = createConsent(CONFIG)
    consent.set({ videoEmbeds: true })
    const record = consent.get().record!
    const sent = { ...record, time: new Date(record.time).toISOString(), url: SITE + '/tjenester' } satisfies Receipt
    const answer = await post(c.url, sent, { origin: SITE })
    expect(answer, c.output()).toMatchObject({ status: 201, body: { stored: true } })
    const history = await (await fetch(`${c.url}/v1/receipts/${record.id}`, { headers: { origin: SITE } })).json()
    expect(history.receipts).toMatchObject([
      { site: SITE, revision: '2026-12', how: 'api', path: '/tjenester', categories: { necessary: true, preferences: false, analytics: false, marketing: false, videoEmbeds: true } },
    ])
    const bad = { ...sent, id: 'badbadbadbadbadbadbadbadbadbad00', categories: { necessary: true, VideoEmbeds: true } }
    const refused = await post(c.url, bad, { origin: SITE })
    expect(refused).toEqual({
      status: 400,
      body: { error: `samtykke serve: categories.VideoEmbeds: is not a category name: a lowercase letter, then up to 23 letters, digits, - or _, as in the site's config (got "VideoEmbeds")` },
    })
    expect((await fetch(`${c.url}/v1/receipts/${bad.id}`, { headers: { origin: SITE } })).status).toBe(404)
    await stop(c)
  })
})
