// `samtykke serve` as its user runs it: the built command in its own process.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openPglite } from './db'
import { BIN, freshDataDir, post, receipt, spawnServer, type Child } from './testing/helpers'

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

