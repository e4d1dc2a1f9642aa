// `samtykke serve` as its user runs it: the built command in its own process.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createConsent, type Receipt } from '@samtykke/core'
import { run, type Io } from './cli'
import { openPglite } from './db'
import { backends, BIN, freshDataDir, post, receipt, spawnServer, type Child } from '../test/helpers'

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
    expect(c.output()).toContain(
      'samtykke serve: warning: --token shows the token to every user of this machine ' +
        "(ps lists a process's arguments). Set it in the environment instead: SAMTYKKE_TOKEN=<token> samtykke serve",
    )
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
    const bad = spawnSync(process.execPath, [BIN, '--port', '0', '--data', freshDataDir(), '--trust-proxy', 'nginx'], {
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain(
      'samtykke serve: --trust-proxy takes the number of proxies in front (1–32; given alone: 1) or their addresses, ' +
        'e.g. 10.0.0.0/8,loopback (got "nginx")',
    )
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
    expect(v.stderr).toMatch(
      new RegExp(
        '✗ http://localhost:8080: 4 receipts checked, #1–#5\\. 2 broken links:\n' +
          '  #2 \\(consent ID \\w+\\): its content does not match its hash: the row was edited after it was stored\n' +
          '  #5 \\(consent ID \\w+\\): receipts #4–#4 are missing',
      ),
    )
  })
})

// A camelCase category is a category: the core takes `videoEmbeds` (CATEGORY_NAME), so the log must take its receipts.
// Before the rules were one, the log refused every such receipt with a 400, and the outbox gave the proof up.
describe.each(backends)('a site whose category is videoEmbeds, through samtykke serve on %s', (_name, make) => {
  const SITE = 'https://www.innfram.no'
  const CONFIG = {
    revision: '2026-12',
    categories: { videoEmbeds: { label: { nb: 'Innebygde videoer', en: 'Embedded videos' } } },
  }
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-site-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('stores the receipt the core makes (201), and refuses a name the rule refuses with a 400 naming it', async () => {
    const file = join(dir, 'config.json')
    writeFileSync(file, JSON.stringify(CONFIG))
    const backend = await make()
    const args = ['--site', `${SITE}=${file}`, ...(backend.dataDir ? ['--data', backend.dataDir] : [])]
    const c = await spawnServer(args, backend.databaseUrl ? { DATABASE_URL: backend.databaseUrl } : {})
    children.push(c)
    // The decision as the core makes it (a real store; in Node it keeps the record and posts nothing), sent as
    // sendReceipt sends it.
    const consent = createConsent(CONFIG)
    consent.set({ videoEmbeds: true })
    const record = consent.get().record!
    const sent = { ...record, time: new Date(record.time).toISOString(), url: SITE + '/tjenester' } satisfies Receipt
    const answer = await post(c.url, sent, { origin: SITE })
    expect(answer, c.output()).toMatchObject({ status: 201, body: { stored: true } })
    const history = await (await fetch(`${c.url}/v1/receipts/${record.id}`, { headers: { origin: SITE } })).json()
    expect(history.receipts).toMatchObject([
      {
        site: SITE,
        revision: '2026-12',
        how: 'api',
        path: '/tjenester',
        categories: { necessary: true, preferences: false, analytics: false, marketing: false, videoEmbeds: true },
      },
    ])
    const bad = { ...sent, id: 'badbadbadbadbadbadbadbadbadbad00', categories: { necessary: true, VideoEmbeds: true } }
    const refused = await post(c.url, bad, { origin: SITE })
    expect(refused).toEqual({
      status: 400,
      body: {
        error:
          'samtykke serve: categories.VideoEmbeds: is not a category name: a lowercase letter, ' +
          `then up to 23 letters, digits, - or _, as in the site's config (got "VideoEmbeds")`,
      },
    })
    expect((await fetch(`${c.url}/v1/receipts/${bad.id}`, { headers: { origin: SITE } })).status).toBe(404)
    await stop(c)
  })
})

// The same command in this process, through its run(argv, io) seam: its output captured, its stop given.
describe('samtykke serve through run(argv, io)', () => {
  const io = (env: Record<string, string | undefined> = {}) => {
    const seen = { stdout: '', stderr: '', stop: () => {} }
    const given: Io = {
      stdout: (s) => void (seen.stdout += s),
      stderr: (s) => void (seen.stderr += s),
      env: { DATABASE_URL: '', ...env },
      stopped: () => new Promise<void>((done) => (seen.stop = done)),
    }
    return { seen, io: given }
  }

  it('prints its help on stdout and exits 0; an unknown option or command exits 2 naming it', async () => {
    const help = io()
    expect(await run(['--help'], help.io)).toBe(0)
    expect([help.seen.stdout.startsWith('samtykke serve — the consent log'), help.seen.stderr]).toEqual([true, ''])
    const option = io()
    expect(await run(['--colour'], option.io)).toBe(2)
    expect(option.seen.stderr).toMatch(
      /^samtykke serve: Unknown option '--colour'[^]*\n\nsamtykke serve — the consent log/,
    )
    const command = io()
    expect(await run(['start', 'now'], command.io)).toBe(2)
    expect(command.seen.stderr).toBe('samtykke serve: unknown command "start now"; try samtykke serve --help\n')
  })

  it('refuses a bad option value with exit 2 and one prefixed line naming it, before it opens any store', async () => {
    const cases: [string[], string][] = [
      [['--port', '70000'], 'samtykke serve: --port 70000 is not a port number'],
      [['--retention-months', '0'], 'samtykke serve: --retention-months must be a whole number of months (got 0)'],
      [['--ip', 'full'], 'samtykke serve: --ip takes only "truncated" (got full); without it no IP is kept'],
      [['--rate-limit', '1.5'], 'samtykke serve: --rate-limit must be a whole number of receipts per minute (got 1.5)'],
      [
        ['--trust-proxy', 'nginx'],
        'samtykke serve: --trust-proxy takes the number of proxies in front (1–32; given alone: 1) ' +
          'or their addresses, e.g. 10.0.0.0/8,loopback (got "nginx")',
      ],
      [
        ['--site', 'https://www.innfram.no=/nonexistent/config.json'],
        'samtykke serve: cannot read the config of https://www.innfram.no: ' +
          "ENOENT: no such file or directory, open '/nonexistent/config.json'",
      ],
      // The library's own errors, prefixed once where the command prints them.
      [
        ['--site', 'www.innfram.no'],
        'samtykke serve: site origin "www.innfram.no" is not a URL; give it as https://www.example.no',
      ],
      [['--site', 'ftp://www.innfram.no'], 'samtykke serve: site origin ftp://www.innfram.no must be http(s)'],
      [
        ['--retention-months', '2'],
        'samtykke serve: --retention-months 2 is shorter than the consent lifetime (182 days) ' +
          'plus a one-month dispute window: use at least 7',
      ],
    ]
    const data = join(mkdtempSync(join(tmpdir(), 'samtykke-cli-')), 'never')
    for (const [args, line] of cases) {
      const c = io()
      expect(await run([...args, '--data', data], c.io), args.join(' ')).toBe(2)
      expect(c.seen.stderr).toBe(line + '\n')
    }
    expect(existsSync(data)).toBe(false)
  })

  it('starts, says where it listens, stores a receipt, and on stop stores what it was handed and exits 0', async () => {
    const c = io()
    const exit = run(['--port', '0', '--data', freshDataDir(), '--json'], c.io)
    await expect.poll(() => c.seen.stdout, { timeout: 30_000 }).toMatch(/^\{"url":/)
    const { url, database } = JSON.parse(c.seen.stdout)
    expect(database).toBe('pglite')
    expect(c.seen.stderr).toContain(`samtykke serve: listening on ${url}, storing in PGlite in `)
    expect(c.seen.stderr).toContain('  export, stats and /admin are off: set SAMTYKKE_TOKEN to use them')
    expect((await post(url, receipt())).status).toBe(201)
    c.seen.stop()
    expect(await exit).toBe(0)
  })
})
