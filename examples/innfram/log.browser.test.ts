// The example site with the consent log: `SAMTYKKE_LOG=… node examples/innfram/serve.mjs` passes each receipt its
// pages post to /api/samtykke on to `samtykke serve` (embedded Postgres), where it can be looked up by consent ID.
// Uses the built packages (dist/), like the other tests in this project.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '@samtykke/server'
import { ROOT, launchChromium } from '../../test/browser'
import { freePort } from '../../test/site'

let log: RunningServer
let site: ChildProcess
let base: string

async function startSite(logUrl: string) {
  const port = await freePort()
  const child = spawn(process.execPath, ['examples/innfram/serve.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), SAMTYKKE_LOG: logUrl },
  })
  let out = ''
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (d) => (out += d) && out.includes('Ctrl+C to stop') && ok())
    child.stderr!.on('data', (d) => (out += d))
    child.once('exit', (code) => fail(new Error(`serve.mjs exited (${code}): ${out}`)))
  })
  expect(out).toContain(`on to the consent log at ${logUrl}`)
  return [child, `http://localhost:${port}`] as const
}

/** A receipt as samtykke.js sends it from a page of the site (core/src/sync). */
const receipt = (id: string) =>
  JSON.stringify({
    v: 1,
    id,
    time: new Date(Math.floor(Date.now() / 1e3) * 1e3).toISOString(),
    revision: '2026-11-25',
    how: 'all',
    gpc: false,
    categories: { necessary: true, preferences: true, analytics: true, marketing: true },
    url: `${base}/?utm_source=x`,
  })

beforeAll(async () => {
  log = await startServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'samtykke-log-')), warn: () => {} })
  ;[site, base] = await startSite(log.url)
})
afterAll(async () => {
  site?.kill()
  await log?.close()
})

describe('the example site with SAMTYKKE_LOG', () => {
  it('passes the receipt on to the consent log, which stores it once and shows it by consent ID', async () => {
    const id = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'
    const body = receipt(id)
    const first = await fetch(`${base}/api/samtykke`, { method: 'POST', body })
    expect(first.status).toBe(201)
    // The same receipt again (a retried beacon): acknowledged, not stored twice.
    const again = await fetch(`${base}/api/samtykke`, { method: 'POST', body })
    expect(again.status).toBe(200)
    const history = await (await fetch(`${log.url}/v1/receipts/${id}`)).json()
    expect(history.receipts).toHaveLength(1)
    expect(history.receipts[0]).toMatchObject({
      how: 'all',
      path: '/',
      categories: { analytics: true, marketing: true },
    })
    expect(history.receipts[0].site).toBe(base)
  })

  it("answers 400 with the log's reason for a receipt the log refuses, and stores nothing", async () => {
    const bad = await fetch(`${base}/api/samtykke`, { method: 'POST', body: JSON.stringify({ v: 1, id: 'short' }) })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/id|time/)
    expect((await fetch(`${log.url}/v1/receipts/short`)).status).not.toBe(200)
  })

  it('answers 502, naming the log, when the log does not answer', async () => {
    const down = `http://127.0.0.1:${await freePort()}`
    const [other, otherBase] = await startSite(down)
    try {
      const r = await fetch(`${otherBase}/api/samtykke`, {
        method: 'POST',
        body: receipt('0f0e0d0c0b0a09080706050403020100'),
      })
      expect(r.status).toBe(502)
      expect(await r.text()).toContain(`the consent log at ${down} did not answer`)
    } finally {
      other.kill()
    }
  })

  it('a receipt the log did not get (the log was down) reaches it from the visitor’s next page view', async () => {
    const port = await freePort()
    const logUrl = `http://127.0.0.1:${port}`
    const [other, otherBase] = await startSite(logUrl)
    const browser = await launchChromium()
    let later: RunningServer | undefined
    try {
      const context = await browser.newContext()
      // Nothing leaves the machine: any other host gets an empty answer.
      await context.route(
        (url) => !url.href.startsWith(otherBase),
        (route) => route.fulfill({ status: 204, body: '' }),
      )
      const page = await context.newPage()
      const answers: number[] = []
      page.on('response', (r) => r.url().endsWith('/api/samtykke') && answers.push(r.status()))
      const outbox = () => page.evaluate(() => localStorage.getItem('samtykke:outbox'))
      await page.goto(otherBase + '/')
      await page.getByRole('button', { name: 'Avvis alle' }).click()
      await expect.poll(() => answers).toEqual([502])
      const id = await page.evaluate(() => window.samtykke.get().record!.id)
      expect(await outbox()).toContain(id)
      expect((await context.cookies()).map((c) => c.name)).toContain('samtykke_outbox')
      // The log comes back; the visitor opens another page.
      later = await startServer({ port, dataDir: mkdtempSync(join(tmpdir(), 'samtykke-log-')), warn: () => {} })
      const chunk = page.waitForResponse((r) => r.url().endsWith('/samtykke-outbox.js'))
      await page.goto(otherBase + '/personvern.html')
      await chunk
      await expect.poll(() => answers).toEqual([502, 201])
      await expect.poll(outbox).toBeNull()
      expect((await context.cookies()).map((c) => c.name)).not.toContain('samtykke_outbox')
      const history = await (await fetch(`${logUrl}/v1/receipts/${id}`)).json()
      expect(history.receipts).toHaveLength(1)
      expect(history.receipts[0]).toMatchObject({
        how: 'none',
        path: '/',
        categories: { necessary: true, analytics: false, marketing: false },
      })
      // Delivered: the next page view fetches nothing more.
      const requests: string[] = []
      page.on('request', (r) => requests.push(new URL(r.url()).pathname))
      await page.goto(otherBase + '/', { waitUntil: 'load' })
      await page.waitForTimeout(200)
      expect(requests.filter((p) => p.includes('outbox') || p == '/api/samtykke')).toEqual([])
    } finally {
      await browser.close()
      other.kill()
      await later?.close()
    }
  })
})
