// The README's start command, for real: examples/innfram/serve.mjs on localhost, in Chromium, with every third-party
// host answered by a fake (test/fakes.mjs). It serves the site and the drop-in, keeps a receipt of each decision, and
// renews the consent cookie from the server (consent-server.mjs).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium, ROOT } from '../../test/browser'
import { freePort } from '../../test/site'
import { fulfillWithFake } from '../../test/chromium.mjs'

let browser: Browser
let server: ChildProcess
let base: string
let receipts: string
let out = ''
const OLD = JSON.stringify({ id: 'old-receipt', time: '2022-11-01T00:00:00.000Z' })
const RECENT = JSON.stringify({ id: 'recent-receipt', time: '2026-06-01T00:00:00.000Z' })

beforeAll(async () => {
  browser = await launchChromium()
  receipts = join(mkdtempSync(join(tmpdir(), 'samtykke-')), 'receipts.jsonl')
  // Kept from earlier runs: one older than three years, one within, and a line that is not a receipt.
  writeFileSync(receipts, [OLD, RECENT, 'not a receipt'].join('\n') + '\n')
  const port = await freePort()
  server = spawn(process.execPath, ['examples/innfram/serve.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), SAMTYKKE_RECEIPTS: receipts },
  })
  await new Promise<void>((ok, fail) => {
    server.stdout!.on('data', (d) => (out += d) && out.includes('http://localhost') && ok())
    server.stderr!.on('data', (d) => (out += d))
    server.once('exit', (code) => fail(new Error(`serve.mjs exited (${code}): ${out}`)))
  })
  base = `http://localhost:${port}`
})
afterAll(async () => {
  server?.kill()
  await browser?.close()
})

async function visit(): Promise<{ context: BrowserContext; page: Page; thirdParty: string[] }> {
  const context = await browser.newContext()
  const thirdParty: string[] = []
  await context.route(
    (url) => url.hostname != 'localhost',
    (route) => {
      thirdParty.push(route.request().url())
      return fulfillWithFake(route)
    },
  )
  return { context, page: await context.newPage(), thirdParty }
}
const lines = () =>
  existsSync(receipts)
    ? readFileSync(receipts, 'utf8')
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l))
    : []

describe('the example site as `pnpm start` serves it', () => {
  it('shows the banner, sends nothing to a third party before the choice, and keeps a receipt of it', async () => {
    const { context, page, thirdParty } = await visit()
    await page.goto(base + '/')
    await page.getByRole('button', { name: 'Godta alle' }).waitFor()
    await page.waitForTimeout(300)
    expect(thirdParty).toEqual([])
    const before = lines().length
    await page.getByRole('button', { name: 'Godta alle' }).click()
    const record = await page.evaluate(() => window.samtykke.get().record!)
    await expect.poll(() => lines().length).toBe(before + 1)
    expect(lines().at(-1)).toMatchObject({
      id: record.id,
      time: new Date(record.time).toISOString(),
      how: 'all',
      categories: { necessary: true, analytics: true, marketing: true },
      url: base + '/',
      lang: 'nb',
    })
    expect(Object.keys(lines().at(-1)).sort()).toEqual([
      'categories',
      'gpc',
      'how',
      'id',
      'lang',
      'received',
      'revision',
      'time',
      'url',
    ])
    // Now the tags run: GA4 and the Meta pixel reach (the fakes of) their hosts.
    await expect
      .poll(
        () =>
          thirdParty.some((u) => u.includes('googletagmanager.com')) &&
          thirdParty.some((u) => u.includes('connect.facebook.net')),
      )
      .toBe(true)
    await context.close()
  })

  it("sends the visitor's consent cookie back with each page, to expire six months after the decision, not after the visit", async () => {
    const { context, page } = await visit()
    const first = await page.goto(base + '/')
    expect(await first!.headerValue('set-cookie')).toBeNull()
    await page.getByRole('button', { name: 'Avvis alle' }).click()
    const record = await page.evaluate(() => window.samtykke.get().record!)
    const { value } = (await context.cookies(base)).find((c) => c.name == 'samtykke')!
    const next = await page.goto(base + '/video.html')
    const header = (await next!.headerValue('set-cookie'))!
    const m = /^samtykke=([^;]+); Max-Age=(\d+); Path=\/; SameSite=Lax$/.exec(header)
    expect(m, header).not.toBeNull()
    expect(m![1]).toBe(value)
    expect(Math.abs(Number(m![2]) * 1000 - (record.time + 182 * 864e5 - Date.now()))).toBeLessThan(5000)
    // The page itself leaves it alone (`cookie.renew: false` in its config): one copy, as the server sent it.
    await page.waitForTimeout(300)
    const copies = (await context.cookies(base)).filter((c) => c.name == 'samtykke')
    expect(copies).toHaveLength(1)
    expect(Math.abs(copies[0].expires * 1000 - (record.time + 182 * 864e5))).toBeLessThan(5000)
    // Assets go without it.
    const css = await page.request.get(base + '/styles.css')
    expect(css.headersArray().some((h) => h.name.toLowerCase() == 'set-cookie')).toBe(false)
    await context.close()
  })

  it('sends no cookie back for a prefetch, nor for a record decided in the future', async () => {
    const now = Math.floor(Date.now() / 1000)
    const record = (t: number) =>
      `samtykke=1~1~${t.toString(36)}~abcdefgh12345678~0~0~necessary:1.analytics:1.marketing:0`
    const get = async (headers: Record<string, string>) =>
      (await fetch(base + '/video.html', { headers })).headers.get('set-cookie')
    expect(await get({ cookie: record(now - 86400) })).toMatch(/^samtykke=1~1~/)
    expect(await get({ cookie: record(now - 86400), 'sec-purpose': 'prefetch' })).toBeNull()
    expect(await get({ cookie: record(now + 3 * 86400) })).toBeNull()
    expect(await get({ cookie: record(now - 200 * 86400) })).toBeNull()
    expect(await get({ cookie: `${record(now)}; ${record(now - 60)}` })).toBeNull()
  })

  it('keeps serving after a request it cannot use: an aborted receipt, a broken address; and hides its own code', async () => {
    const { connect } = await import('node:net')
    await new Promise<void>((done) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1', () => {
        socket.write('POST /api/samtykke HTTP/1.1\r\nHost: localhost\r\nContent-Length: 500\r\n\r\n{"id":')
        setTimeout(() => (socket.destroy(), done()), 100)
      })
    })
    expect((await fetch(base + '/%')).status).toBe(400)
    for (const path of [
      '/consent-server.mjs',
      '/consent-server.mjs/',
      '/serve.mjs/',
      '/package.json',
      '/serve.browser.test.ts/',
    ])
      expect((await fetch(base + path)).status, path).toBe(404)
    expect((await fetch(base + '/')).status).toBe(200)
    expect(server.exitCode).toBeNull()
  })

  it('refuses what is not a samtykke receipt, with the reason, and keeps nothing of it', async () => {
    const before = lines().length
    const post = async (body: string) => {
      const r = await fetch(base + '/api/samtykke', { method: 'POST', body, headers: { 'content-type': 'text/plain' } })
      return [r.status, (await r.text()).trim()]
    }
    const good = {
      id: 'abcdefgh12',
      time: '2026-11-27T10:00:00.000Z',
      revision: '1',
      how: 'none',
      gpc: false,
      categories: { necessary: true, marketing: false },
      url: base + '/',
    }
    expect(await post('{')).toEqual([400, 'not JSON'])
    expect(await post(JSON.stringify({ ...good, categories: { necessary: false } }))).toEqual([
      400,
      'necessary is not on',
    ])
    expect(await post(JSON.stringify({ ...good, id: '<script>' }))).toEqual([400, 'bad id'])
    expect(await post(JSON.stringify({ ...good, url: 'x'.repeat(5000) }))).toEqual([413, 'too large'])
    expect(await post(JSON.stringify({ ...good, categories: { necessary: true, 'x\nFAKE LOG LINE': true } }))).toEqual([
      400,
      'bad categories',
    ])
    expect(await post(JSON.stringify({ ...good, lang: 'nb\nFAKE LOG LINE' }))).toEqual([400, 'bad lang'])
    const crossSite = await fetch(base + '/api/samtykke', {
      method: 'POST',
      body: JSON.stringify(good),
      headers: { 'sec-fetch-site': 'cross-site' },
    })
    expect(crossSite.status).toBe(403)
    expect(lines().length).toBe(before)
  })

  it('deleted the receipts older than three years when it started, and kept the rest as they were', () => {
    const file = readFileSync(receipts, 'utf8').split('\n')
    expect(file.slice(0, 2)).toEqual([RECENT, 'not a receipt'])
    expect(file).not.toContain(OLD)
    expect(out).toContain('samtykke: 1 receipts older than three years deleted')
  })
})
