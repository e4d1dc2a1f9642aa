// In Chromium: the INNFRAM example site sending its receipts to `samtykke serve` (click → receipt → row → look-up),
// and the /admin page drawing the consent rate, with strings from the data shown as text.
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, ROOT } from '../../../../test/browser'
import { fulfillWithFake } from '../../../../test/chromium.mjs'
import { firstPartyFile } from '../../../../test/site'
import { configFromText } from '../receipt/site'
import { startServer, type RunningServer } from '../server'

const TOKEN = 'admin-token-0123456789'
let browser: Browser
let site: Server
let base: string
let log: RunningServer

beforeAll(async () => {
  const page = readFileSync(join(ROOT, 'examples/innfram/index.html'), 'utf8')
  const config = configFromText(page, 'index.html')
  // The example site from a real server on localhost (a page answered by the test harness itself would count as a
  // public address, and Chromium keeps public pages from posting to a loopback address), with its receiptUrl set to
  // the log as the README tells a site to set it.
  site = createServer((req, res) => {
    const html = page.replace('"receiptUrl": "/api/samtykke"', `"receiptUrl": "${log.url}/v1/receipts"`)
    const f = firstPartyFile(new URL(req.url!, 'http://x').pathname, { files: { '/': html }, root: 'examples/innfram' })
    res.writeHead(f.status, { 'content-type': f.type }).end(f.body)
  })
  await new Promise<void>((ok) => site.listen(0, '127.0.0.1', ok))
  base = `http://localhost:${(site.address() as { port: number }).port}`
  ;[log, browser] = await Promise.all([
    startServer({
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'samtykke-log-')),
      sites: [{ origin: base, config }],
      token: TOKEN,
      warn: () => {},
    }),
    launchChromium(),
  ])
})
afterAll(async () => {
  site?.close()
  await browser?.close()
  await log?.close()
})

describe('samtykke serve in a browser', () => {
  it('stores the example site\'s "Godta alle" and shows it at GET /v1/receipts/{id}', async () => {
    const context = await browser.newContext()
    // Third parties get fakes.
    await context.route((url) => url.hostname != 'localhost' && url.hostname != '127.0.0.1', fulfillWithFake)
    const page = await context.newPage()
    const sent: string[] = []
    // For the failure message only; a request that finishes as the context closes has no answer to read any more.
    page.on(
      'requestfinished',
      async (r) =>
        r.url().startsWith(log.url) &&
        sent.push(`${r.method()} ${r.url()} ${(await r.response().catch(() => null))?.status()}`),
    )
    page.on('requestfailed', (r) => sent.push(`failed ${r.url()} ${r.failure()?.errorText}`))
    page.on('console', (m) => sent.push(m.text()))
    await page.goto(base + '/')
    await page.getByRole('button', { name: 'Godta alle' }).click()
    const record = await page.evaluate(() => window.samtykke.get().record!)
    await expect
      .poll(
        async () =>
          (await log.db.query('SELECT count(*)::int AS n FROM receipts WHERE consent_id = $1', [record.id])).rows[0].n,
        { message: sent.join('\n') },
      )
      .toBe(1)
    const { receipts } = await (await fetch(`${log.url}/v1/receipts/${record.id}`)).json()
    expect(receipts).toEqual([
      expect.objectContaining({
        site: base,
        revision: '2026-11-25',
        how: 'all',
        event: 'given',
        path: '/',
        categories: { necessary: true, analytics: true, marketing: true },
      }),
    ])
    // Linked to the snapshot of what this banner showed (revision 2026-11-25, Norwegian bokmål).
    const snapshot = (await log.db.query('SELECT content FROM snapshots WHERE hash = $1', [receipts[0].snapshot]))
      .rows[0]
    expect(snapshot.content).toMatchObject({ revision: '2026-11-25', lang: 'nb', controller: { name: 'INNFRAM AS' } })
    await context.close()
  })

  it('shows /admin only with the token, charts the consent rate, and shows stored strings as text', async () => {
    const hostile = '<img src=x onerror="window.pwned=1">'
    for (const how of ['none', 'all', 'custom']) {
      const r = {
        v: 1,
        id: crypto.randomUUID().replace(/-/g, ''),
        time: new Date().toISOString(),
        revision: '2026-11-25',
        how,
        gpc: false,
        categories: { necessary: true, analytics: how == 'all', marketing: false },
        url: base + '/',
      }
      expect(
        (
          await fetch(log.url + '/v1/receipts', {
            method: 'POST',
            body: JSON.stringify(r),
            headers: { 'content-type': 'text/plain' },
          })
        ).status,
      ).toBe(201)
    }
    // The API refuses markup as a revision now; a row an older version stored with one is still shown as text.
    await log.db.query(
      `UPDATE receipts SET revision = $1 WHERE site = $2 AND seq = (SELECT max(seq) FROM receipts WHERE site = ` +
        `$2 AND how = 'none')`,
      [hostile, base],
    )
    const denied = await fetch(log.url + '/admin')
    expect(denied.status).toBe(401)
    expect(denied.headers.get('www-authenticate')).toMatch(/^Basic/)
    expect(
      (await fetch(log.url + '/admin', { headers: { authorization: 'Basic ' + btoa('admin:wrong') } })).status,
    ).toBe(401)
    const context = await browser.newContext({ httpCredentials: { username: 'admin', password: TOKEN } })
    const page = await context.newPage()
    await page.goto(log.url + '/admin')
    await expect.poll(() => page.locator('#summary').textContent()).toMatch(/^4 receipts; 50 % accepted all\.$/)
    expect(await page.locator('polyline[data-choice=all]').getAttribute('points')).toMatch(/^\d+(\.\d+)?,100$/)
    await expect.poll(() => page.getByRole('cell', { name: hostile }).count()).toBe(1)
    expect(await page.locator('#rows img').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
    await context.close()
  })
})
