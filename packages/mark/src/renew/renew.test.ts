import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { encodeRecord, type ConsentRecord } from '@samtykke/core'
import { renewMiddleware } from '.'
import { markMiddleware } from '../middleware'

const DAY = 864e5
const record = (ago: number, over: Partial<ConsentRecord> = {}) =>
  encodeRecord({
    v: 1,
    revision: '1',
    time: Date.now() - ago,
    id: 'a1b2c3d4e5f6a7b8',
    how: 'custom',
    gpc: false,
    categories: { necessary: true, analytics: true, marketing: false },
    ...over,
  })

const servers: Server[] = []
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`
}

const PAGE = '<!doctype html><title>x</title><script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>'
let base = ''
let short = ''
beforeAll(async () => {
  const renew = renewMiddleware()
  const mark = markMiddleware({ onReport: () => {} })
  base = await serve((req, res) =>
    renew(req, res, () => {
      const url = req.url!
      if (url == '/page') return void (res.setHeader('content-type', 'text/html; charset=utf-8'), res.end(PAGE))
      if (url == '/written')
        return void (
          res.writeHead(200, { 'Content-Type': 'text/html', 'set-cookie': 'theme=dark; Path=/' }),
          res.end(PAGE)
        )
      if (url == '/raw') return void (res.writeHead(200, ['content-type', 'text/html']), res.end(PAGE))
      if (url == '/own')
        return void (
          res.setHeader('content-type', 'text/html'),
          res.setHeader('set-cookie', 'samtykke=; Max-Age=0; Path=/'),
          res.end(PAGE)
        )
      if (url == '/style.css') return void (res.setHeader('content-type', 'text/css'), res.end('p{}'))
      if (url == '/marked')
        return mark(req, res, () => void (res.setHeader('content-type', 'text/html'), res.end(PAGE)))
      res.statusCode = 404
      res.setHeader('content-type', 'text/html')
      res.end('<p>not found')
    }),
  )
  const renewShort = renewMiddleware({
    config: { cookie: { days: 30, domain: '.innfram.no' }, categories: { analytics: { label: 'Analyse' } } },
  })
  short = await serve((req, res) =>
    renewShort(req, res, () => void (res.setHeader('content-type', 'text/html'), res.end(PAGE))),
  )
})
afterAll(() => Promise.all(servers.map((s) => new Promise((ok) => s.close(ok)))))

const get = async (url: string, cookie?: string, headers: Record<string, string> = {}) => {
  const r = await fetch(url, { headers: { ...(cookie ? { cookie } : {}), ...headers } })
  await r.text()
  return r.headers.getSetCookie()
}
const maxAge = (c: string) => Number(/; Max-Age=(\d+);/.exec(c)![1])

describe('renewMiddleware', () => {
  it('sends the cookie back unchanged, for what remains of its lifetime from the decision time', async () => {
    const value = record(10 * DAY)
    const [cookie, ...more] = await get(base + '/page', `theme=dark; samtykke=${value}`)
    expect(more).toEqual([])
    expect(cookie).toMatch(
      new RegExp(`^samtykke=${value.replace(/[.~]/g, '\\$&')}; Max-Age=\\d+; Path=/; SameSite=Lax$`),
    )
    expect(Math.abs(maxAge(cookie) - 172 * 86400)).toBeLessThanOrEqual(2)
  })

  it('never extends: a choice near its end gets only what is left; one past its end gets nothing', async () => {
    const [nearly] = await get(base + '/page', `samtykke=${record(182 * DAY - 3600e3)}`)
    expect(Math.abs(maxAge(nearly) - 3600)).toBeLessThanOrEqual(2)
    expect(await get(base + '/page', `samtykke=${record(182 * DAY + 1000)}`)).toEqual([])
  })

  it('uses the config: its days, its domain, and only its categories', async () => {
    const [cookie] = await get(short, `samtykke=${record(DAY)}`)
    expect(cookie).toMatch(/; Max-Age=\d+; Path=\/; SameSite=Lax; Domain=innfram\.no$/)
    expect(Math.abs(maxAge(cookie) - 29 * 86400)).toBeLessThanOrEqual(2)
    expect(
      await get(short, `samtykke=${record(DAY, { categories: { necessary: true, analytics: true, video: true } })}`),
    ).toEqual([])
  })

  it(
    're-issues nothing tampered: not the format, necessary off, a category twice, decided in the future, two ' +
      'copies',
    async () => {
      const good = record(DAY)
      for (const bad of [
        good.replace('analytics:1', 'analytics:yes'),
        good.replace('necessary:1', 'necessary:0'),
        good + '.analytics:0',
        record(-30 * DAY),
        good + '<script>',
        '',
      ])
        expect(await get(base + '/page', `samtykke=${bad}`), bad).toEqual([])
      expect(await get(base + '/page', `samtykke=${good}; samtykke=${record(2 * DAY)}`)).toEqual([])
    },
  )

  it('sends nothing to a visitor who has not decided, or for a prefetch', async () => {
    expect(await get(base + '/page')).toEqual([])
    expect(await get(base + '/page', 'theme=dark; samtykke_old=1')).toEqual([])
    expect(await get(base + '/page', `samtykke=${record(DAY)}`, { 'sec-purpose': 'prefetch' })).toEqual([])
  })

  it('only on HTML answers that succeed, and never twice or over the page’s own consent cookie', async () => {
    const value = `samtykke=${record(DAY)}`
    expect(await get(base + '/style.css', value)).toEqual([])
    expect(await get(base + '/missing', value)).toEqual([])
    expect(await get(base + '/own', value)).toEqual(['samtykke=; Max-Age=0; Path=/'])
    const written = await get(base + '/written', value)
    expect(written).toHaveLength(2)
    expect(written[0]).toBe('theme=dark; Path=/')
    expect(written[1]).toMatch(/^samtykke=1~/)
    expect(await get(base + '/raw', value)).toEqual([
      expect.stringMatching(/^samtykke=1~.*; Max-Age=\d+; Path=\/; SameSite=Lax$/),
    ])
  })

  it('adds Secure on https (behind a proxy that says so), and works with markMiddleware', async () => {
    const value = `samtykke=${record(DAY)}`
    expect((await get(base + '/page', value, { 'x-forwarded-proto': 'https' }))[0]).toMatch(/; SameSite=Lax; Secure$/)
    const r = await fetch(base + '/marked', { headers: { cookie: value } })
    expect(await r.text()).toContain('type="text/plain"')
    expect(r.headers.getSetCookie()).toEqual([expect.stringMatching(/^samtykke=1~/)])
  })
})
