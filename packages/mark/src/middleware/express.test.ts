// The middleware in an Express app, as the README shows it: behind compression, in front of routes and static files.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Server } from 'node:http'
import { request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import compression from 'compression'
import express from 'express'
import { markMiddleware, type MiddlewareOptions } from '.'
import { markHtml } from '../transform'
import { everyTagPage } from '../../test/corpus'

const PAGE = everyTagPage()
const MARKED = markHtml(PAGE).html
let server: Server
let port = 0

beforeAll(async () => {
  const app = express()
  app.use(compression({ threshold: 0 }))
  app.use(markMiddleware({ onReport: () => {} }))
  app.get('/', (_req, res) => void res.send(PAGE))
  app.get('/data.json', (_req, res) => void res.json({ pixel: 'https://www.facebook.com/tr?id=1' }))
  await new Promise<void>((ok) => (server = app.listen(0, '127.0.0.1', () => ok())))
  port = (server.address() as { port: number }).port
})
afterAll(() => new Promise((ok) => server.close(ok)))

/** A GET with the raw body (no automatic decompression) and headers. */
const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ headers: Record<string, unknown>; body: Buffer }>((ok, fail) =>
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c)).on('end', () => ok({ headers: res.headers, body: Buffer.concat(chunks) }))
    })
      .on('error', fail)
      .end(),
  )

describe('markMiddleware in Express', () => {
  it('marks res.send(html), with the right content-length', async () => {
    const r = await get('/')
    expect(r.body.toString()).toBe(MARKED)
    expect(Number(r.headers['content-length'])).toBe(r.body.length)
  })

  it('behind compression: the page is marked, then compressed', async () => {
    const r = await get('/', { 'accept-encoding': 'gzip' })
    expect(r.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(r.body).toString()).toBe(MARKED)
  })

  it('leaves JSON alone', async () => {
    expect(JSON.parse((await get('/data.json')).body.toString())).toEqual({ pixel: 'https://www.facebook.com/tr?id=1' })
  })
})

const PIXEL = '<img src="https://www.facebook.com/tr?id=1">'
const MARKED_PIXEL = '<img data-category="marketing" data-src="https://www.facebook.com/tr?id=1">'
const deep = (tag: string, n: number) => `<${tag}>`.repeat(n) + PIXEL + `</${tag}>`.repeat(n)

describe('markMiddleware in Express with express.static: a page it cannot mark never crashes the process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-express-'))
  writeFileSync(join(dir, 'deep.html'), deep('span', 10_000))
  writeFileSync(join(dir, 'deeper.html'), deep('div', 100_000))
  const apps: Server[] = []
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  afterAll(async () => {
    warn.mockRestore()
    await Promise.all(apps.map((s) => new Promise((ok) => s.close(ok))))
    rmSync(dir, { recursive: true, force: true })
  })
  /** An Express app as the README shows it, serving `dir` with express.static; its base URL. */
  const app = async (options: MiddlewareOptions) => {
    const a = express()
    a.use(compression())
    a.use(markMiddleware(options))
    a.use(express.static(dir))
    const s = await new Promise<Server>((ok) => {
      const s = a.listen(0, '127.0.0.1', () => ok(s))
    })
    apps.push(s)
    return `http://127.0.0.1:${(s.address() as { port: number }).port}`
  }

  it('pages nested 10,000 and 100,000 deep are marked', async () => {
    const base = await app({})
    expect(await (await fetch(base + '/deep.html')).text()).toBe(deep('span', 10_000).replace(PIXEL, MARKED_PIXEL))
    expect(await (await fetch(base + '/deeper.html')).text()).toBe(deep('div', 100_000).replace(PIXEL, MARKED_PIXEL))
  }, 30_000)

  it('over maxBytes, or failing to mark: sent as it is, and the app goes on serving', async () => {
    const small = await app({ maxBytes: 50_000 })
    const broken = await app({ trackers: [null as never] })
    for (const base of [small, broken, small, broken]) {
      const r = await fetch(base + '/deeper.html')
      expect(r.status).toBe(200)
      expect(await r.text()).toBe(deep('div', 100_000))
    }
    expect(warn).toHaveBeenCalledTimes(2)
  }, 30_000)
})
