import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createServer, type Server, type ServerResponse } from 'node:http'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import sirv from 'sirv'
import { markMiddleware, type MiddlewareOptions } from '.'
import { markHtml } from '../transform'
import { everyTagPage } from '../../test/corpus'

const PAGE = everyTagPage()
const MARKED = markHtml(PAGE).html
const dir = mkdtempSync(join(tmpdir(), 'samtykke-mw-'))
writeFileSync(join(dir, 'index.html'), PAGE)
writeFileSync(join(dir, 'app.js'), 'new Image().src = "https://www.facebook.com/tr?id=1"\n'.repeat(5000))

let server: Server
let base = ''
let release = () => {}
const warnings: string[] = []

beforeAll(async () => {
  const mark = markMiddleware({ onReport: (url, r) => r.warnings.forEach((w) => warnings.push(`${url}:${w.line}`)) })
  const files = sirv(dir, { dev: true })
  server = createServer((req, res) =>
    mark(req, res, () => {
      const url = req.url!
      // A server-rendered page written in pieces, with headers given to writeHead (a content-length that will be
      // wrong).
      if (url == '/rendered')
        return void (
          res.writeHead(200, 'OK', {
            'content-type': 'text/html; charset=utf-8',
            'content-length': Buffer.byteLength(PAGE),
          }),
          res.write(PAGE.slice(0, 500)),
          res.write(Buffer.from(PAGE.slice(500))),
          res.end()
        )
      if (url == '/mixed')
        return void (
          res.setHeader('content-type', 'text/html'),
          res.end('<script>\nstart(); fbq("track", "Lead")\n</script>')
        )
      if (url == '/gzip')
        return void (
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }),
          res.end(gzipSync(PAGE))
        )
      // A stream that is not HTML: its first bytes must arrive before it ends.
      if (url == '/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('data: first\n\n')
        release = () => res.end('data: last\n\n')
        return
      }
      files(req, res, () => void ((res.statusCode = 404), res.end('not found')))
    }),
  )
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(async () => {
  await new Promise((ok) => server.close(ok))
  rmSync(dir, { recursive: true, force: true })
})

describe('markMiddleware', () => {
  it('marks a static HTML page and fixes its content-length', async () => {
    const r = await fetch(base + '/')
    const body = await r.text()
    expect(body).toBe(MARKED)
    expect(Number(r.headers.get('content-length'))).toBe(Buffer.byteLength(MARKED))
  })

  it('marks a page written in pieces, with headers given to writeHead', async () => {
    const r = await fetch(base + '/rendered')
    expect(r.status).toBe(200)
    expect(await r.text()).toBe(MARKED)
    expect(Number(r.headers.get('content-length'))).toBe(Buffer.byteLength(MARKED))
  })

  it('passes everything else through as it is: scripts, compressed HTML, and streams as they stream', async () => {
    const js = await fetch(base + '/app.js')
    expect((await js.text()).length).toBe(5000 * 53)
    const gz = await fetch(base + '/gzip')
    expect(await gz.text()).toBe(PAGE)
    const stream = await fetch(base + '/events')
    const reader = stream.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n')
    release()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: last\n\n')
  })

  it('reports what it could not mark', async () => {
    const body = await (await fetch(base + '/mixed')).text()
    expect(body).toBe('<script>\nstart(); fbq("track", "Lead")\n</script>')
    expect(warnings).toEqual(['/mixed:2'])
  })
})

/** A plain `http` server: the middleware in front of sirv (static files from `folder`) and of `routes`. */
async function serve(
  options: MiddlewareOptions,
  folder: string,
  routes: Record<string, (res: ServerResponse) => void> = {},
) {
  const mark = markMiddleware(options)
  const files = sirv(folder, { dev: true })
  const s = createServer((req, res) =>
    mark(req, res, () =>
      (
        routes[req.url!.split('?')[0]] ??
        ((res) => files(req, res, () => void ((res.statusCode = 404), res.end('not found'))))
      )(res),
    ),
  )
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok))
  servers.push(s)
  return `http://127.0.0.1:${(s.address() as { port: number }).port}`
}
const servers: Server[] = []
afterAll(() => Promise.all(servers.map((s) => new Promise((ok) => s.close(ok)))))

const PIXEL = '<img src="https://www.facebook.com/tr?id=1">'
const MARKED_PIXEL = '<img data-category="marketing" data-src="https://www.facebook.com/tr?id=1">'
const deep = (tag: string, n: number) => `<${tag}>`.repeat(n) + PIXEL + `</${tag}>`.repeat(n)
const site = mkdtempSync(join(tmpdir(), 'samtykke-mw-'))
writeFileSync(join(site, 'deep.html'), deep('span', 10_000))
writeFileSync(join(site, 'deeper.html'), deep('div', 100_000))
writeFileSync(join(site, 'big.html'), `<p>${'x'.repeat(300_000)}</p>${PIXEL}`)
writeFileSync(join(site, 'mixed.html'), '<script>\nstart(); fbq("track", "Lead")\n</script>')
afterAll(() => rmSync(site, { recursive: true, force: true }))

describe('markMiddleware never takes the server down', () => {
  let warn = vi.spyOn(console, 'warn')
  beforeAll(() => void (warn = vi.spyOn(console, 'warn').mockImplementation(() => {})))
  afterEach(() => warn.mockClear())
  afterAll(() => warn.mockRestore())

  it('pages nested 10,000 and 100,000 deep are marked, and the server goes on serving', async () => {
    const base = await serve({}, site, {
      '/rendered': (res) => void (res.setHeader('content-type', 'text/html'), res.end(deep('div', 100_000))),
    })
    expect(await (await fetch(base + '/deep.html')).text()).toBe(deep('span', 10_000).replace(PIXEL, MARKED_PIXEL))
    expect(await (await fetch(base + '/deeper.html')).text()).toBe(deep('div', 100_000).replace(PIXEL, MARKED_PIXEL))
    expect(await (await fetch(base + '/rendered')).text()).toBe(deep('div', 100_000).replace(PIXEL, MARKED_PIXEL))
    expect(await (await fetch(base + '/deep.html')).text()).toContain(MARKED_PIXEL)
  }, 30_000)

  it(
    'a page larger than maxBytes goes out whole and as it is, with ' + 'its own content-length; logged once per page',
    async () => {
      const big = readFileSync(join(site, 'big.html'), 'utf8')
      const base = await serve({ maxBytes: 100_000 }, site, {
        // Written in pieces: the first ones are held, then the page streams through.
        '/pieces': (res) => {
          res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(big) })
          for (let i = 0; i < big.length; i += 30_000) res.write(big.slice(i, i + 30_000))
          res.end()
        },
      })
      for (const path of ['/big.html', '/big.html?utm=1', '/pieces', '/pieces?utm=2']) {
        const r = await fetch(base + path)
        expect(await r.text(), path).toBe(big)
        expect(Number(r.headers.get('content-length')), path).toBe(Buffer.byteLength(big))
      }
      expect(warn.mock.calls.map((c) => c[0])).toEqual([
        'samtykke mark: /big.html: larger than 0.1 MiB, sent as it is, unmarked (raise maxBytes in ' +
          "markMiddleware's options to mark it)",
        "samtykke mark: /pieces: larger than 0.1 MiB, sent as it is, unmarked (raise maxBytes in markMiddleware's " +
          'options to mark it)',
      ])
      // Under the limit, the same page is marked.
      expect(await (await fetch((await serve({ maxBytes: 1_000_000 }, site)) + '/big.html')).text()).toContain(
        MARKED_PIXEL,
      )
    },
  )

  it(
    'whatever goes wrong while marking, the page goes out as it is, the error is logged once, and the server ' +
      'stays up',
    async () => {
      // A `trackers` list with a hole in it, as a hand-edited JSON file may have: every page fails to mark.
      const base = await serve({ trackers: [null as never] }, site)
      for (const path of ['/deep.html', '/deep.html?a=1', '/deep.html?a=2']) {
        const r = await fetch(base + path)
        expect(r.status).toBe(200)
        expect(await r.text()).toBe(deep('span', 10_000))
      }
      expect(warn.mock.calls.map((c) => c[0])).toEqual([
        expect.stringMatching(/^samtykke mark: \/deep\.html: cannot be marked \(.*null.*\): sent as it is, unmarked$/),
      ])
    },
  )

  it('an onReport that throws: the page still goes out marked, and the error is logged', async () => {
    const base = await serve(
      {
        onReport: () => {
          throw new Error('full disk')
        },
      },
      site,
    )
    expect(await (await fetch(base + '/deep.html')).text()).toBe(deep('span', 10_000).replace(PIXEL, MARKED_PIXEL))
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      'samtykke mark: /deep.html: onReport threw (full disk); the page was sent marked',
    ])
  })

  it('the default report warns once per page, whatever its query string', async () => {
    const base = await serve({}, site)
    for (let i = 0; i < 50; i++) await (await fetch(`${base}/mixed.html?utm_source=${i}`)).text()
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      expect.stringMatching(/^samtykke mark: \/mixed\.html:2:10 warning: inline <script> loads Meta pixel snippet/),
    ])
  })
})
