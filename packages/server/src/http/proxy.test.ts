// Behind a reverse proxy: the address a client claims in its own X-Forwarded-For is never taken for its address.
import { afterEach, describe, expect, it } from 'vitest'
import { ServeError } from '../errors'
import { startServer, type RunningServer } from '../server'
import { freshDataDir, post, receipt } from '../../test/helpers'
import { bareTrustProxy, trustProxyArg, trustProxySetting, type TrustProxy } from './proxy'

let s: RunningServer | undefined
afterEach(() => s?.close())

/** A server behind `trustProxy`, as the tests' proxy (this process, on loopback) reaches it. */
const behind = async (trustProxy: TrustProxy) =>
  (s = await startServer({
    port: 0,
    dataDir: freshDataDir(),
    trustProxy,
    truncatedIp: true,
    rateLimit: { receipts: 5 },
    warn: () => {},
  }))

/** Posts 20 receipts as one client, each claiming another address, through proxies that append what they saw. */
async function spoof(url: string, appended: string) {
  const statuses: number[] = []
  for (let i = 0; i < 20; i++)
    statuses.push((await post(url, receipt(), { 'x-forwarded-for': `198.51.100.${i + 1}, ${appended}` })).status)
  return statuses
}

const storedIps = async () => (await s!.db.query('SELECT DISTINCT ip FROM receipts')).rows.map((r) => r.ip)

describe('--trust-proxy', () => {
  it(
    'given alone (one proxy, nginx in front): the address nginx appended is the client, ' +
      'so the rate limit holds and no chosen address is stored',
    async () => {
      const log = await behind(true)
      const statuses = await spoof(log.url, '203.0.113.7')
      expect(statuses.filter((x) => x == 201)).toHaveLength(5)
      expect(statuses.filter((x) => x == 429)).toHaveLength(15)
      expect(await storedIps()).toEqual(['203.0.113.0'])
    },
  )

  it('with a hop count, believes that many proxies and no more', async () => {
    const log = await behind(2)
    // A CDN saw the client at 203.0.113.7, then the load balancer saw the CDN at 10.0.0.2.
    expect((await spoof(log.url, '203.0.113.7, 10.0.0.2')).filter((x) => x == 201)).toHaveLength(5)
    expect(await storedIps()).toEqual(['203.0.113.0'])
  })

  it("with the proxies' addresses, believes only those", async () => {
    const log = await behind('loopback, 10.0.0.0/8')
    expect((await spoof(log.url, '203.0.113.7, 10.0.0.2')).filter((x) => x == 201)).toHaveLength(5)
    expect(await storedIps()).toEqual(['203.0.113.0'])
  })

  it('refuses a value that is no hop count nor addresses, naming the option (a ServeError, BAD_OPTION)', async () => {
    for (const bad of [0, 1.5, 'nonsense', '10.0.0.0/99', '']) {
      const refused = startServer({ port: 0, dataDir: '/nonexistent', trustProxy: bad, warn: () => {} })
      await expect(refused).rejects.toThrow(ServeError)
      await expect(refused).rejects.toMatchObject({
        code: 'BAD_OPTION',
        message: expect.stringMatching(/^--trust-proxy takes the number of proxies in front/),
      })
    }
  })

  it('reads the command line: alone is one hop, a number is hops, anything else is addresses', () => {
    expect(bareTrustProxy(['--trust-proxy'])).toEqual(['--trust-proxy='])
    expect(bareTrustProxy(['--trust-proxy', '--json'])).toEqual(['--trust-proxy=', '--json'])
    expect(bareTrustProxy(['verify', '--trust-proxy', 'verify'])).toEqual(['verify', '--trust-proxy=', 'verify'])
    expect(bareTrustProxy(['--trust-proxy', '2'])).toEqual(['--trust-proxy', '2'])
    expect(trustProxySetting(trustProxyArg(''))).toBe(1)
    expect(trustProxySetting(trustProxyArg('2'))).toBe(2)
    expect(trustProxySetting(trustProxyArg('10.0.0.1,fd00::/8'))).toEqual(['10.0.0.1', 'fd00::/8'])
    expect(trustProxySetting(trustProxyArg(undefined))).toBe(false)
  })
})
