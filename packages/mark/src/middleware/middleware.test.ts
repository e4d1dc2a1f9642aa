import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import sirv from 'sirv'
import { markMiddleware } from '.'
import { markHtml } from '../transform'
import { everyTagPage } from '../transform/corpus'

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
      // A server-rendered page written in pieces, with headers given to writeHead (a content-length that will be wrong).
      if (url == '/rendered')
        return void (res.writeHead(200, 'OK', { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(PAGE) }), res.write(PAGE.slice(0, 500)), res.write(Buffer.from(PAGE.slice(500))), res.end())
      if (url == '/mixed') return void (res.setHeader('content-type', 'text/html'), res.end('<script>\nstart(); fbq("track", "Lead")\n</script>'))
      if (url == '/gzip') return void (res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }), res.end(gzipSync(PAGE)))
      // A stream that is not HTML: its first bytes must arrive before it ends.
      if (url == '/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('data: first\n\n')
        release = () => res.end('data: last\n\n')
        return
      }
      files(req, res, () => void ((res.statusCode = 404), res.end("not found")))
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
