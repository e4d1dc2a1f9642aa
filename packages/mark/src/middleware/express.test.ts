// The middleware in an Express app, as the README shows it: behind compression, in front of routes and static files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Server } from 'node:http'
import { request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import compression from 'compression'
import express from 'express'
import { markMiddleware } from '.'
import { markHtml } from '../transform'
import { everyTagPage } from '../transform/corpus'

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
    }).on('error', fail).end(),
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
