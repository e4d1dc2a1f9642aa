// Faults the consent log must survive, each on the real thing: the server in its own process killed with SIGKILL
// under load, a torn journal, a second server on one data folder, two servers on one Postgres, the database going away.
import { randomBytes } from 'node:crypto'
import { appendFileSync, chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { openPostgres } from './db'
import { verifyChain } from './log/verify'
import { startServer } from './server'
import {
  BIN,
  backends,
  freshDataDir,
  freshPostgres,
  post,
  receipt,
  smallDisk,
  spawnServer,
  sql,
  type Child,
} from '../test/helpers'

const TOKEN = 'fault-token-0123456789'
const children: Child[] = []
afterAll(() => children.forEach((c) => c.process.kill('SIGKILL')))
const spawnLog = async (args: string[], env: Record<string, string | undefined> = {}) => {
  const c = await spawnServer(args, { SAMTYKKE_TOKEN: TOKEN, ...env })
  children.push(c)
  return c
}

/** Keeps `workers` requests in flight until stopped; returns the keys that got a 2xx. */
function load(url: string, workers = 16, make = () => receipt()) {
  const acked: string[] = []
  let running = true
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const r = make()
      try {
        const a = await post(url, r)
        if (a.status >= 200 && a.status < 300) acked.push(a.body.key)
      } catch {
        // the server went away mid-request: never acknowledged
      }
    }
  })
  return { acked, stop: async () => ((running = false), await Promise.all(loops)) }
}

/** `samtykke serve verify --json` on a data folder (or DATABASE_URL). */
const verifyCli = (args: string[], databaseUrl?: string) =>
  spawnSync(process.execPath, [BIN, 'verify', '--json', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl ?? '' },
    encoding: 'utf8',
  })

/** A journal line's entry, as the server writes it for a receipt(). */
const journalEntry = (over: Record<string, unknown> = {}) => {
  const r = receipt()
  return {
    key: `${r.id}@${r.time}`,
    site: 'http://localhost:8080',
    consentId: r.id,
    decidedAt: Date.parse(r.time),
    receivedAt: Date.now(),
    revision: r.revision,
    how: 'all',
    gpc: false,
    categories: r.categories,
    surface: null,
    path: '/',
    lang: null,
    snapshotHash: null,
    ip: null,
    browser: null,
    ...over,
  }
}

const exportedKeys = async (url: string) =>
  new Set(
    (await (await fetch(url + '/v1/export', { headers: { authorization: `Bearer ${TOKEN}` } })).text())
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).key),
  )

describe.each(backends)('kill -9 under load (%s)', (name, make) => {
  it('keeps every receipt that got a 2xx', { timeout: 90_000 }, async () => {
    const b = await make()
    const args = b.dataDir ? ['--data', b.dataDir] : []
    const env = { DATABASE_URL: b.databaseUrl }
    const first = await spawnLog(args, env)
    const l = load(first.url)
    while (l.acked.length < 300) await new Promise((r) => setTimeout(r, 10))
    first.process.kill('SIGKILL')
    await first.exited
    await l.stop()
    // A crash mid-write leaves a torn last journal line (PGlite mode): it is skipped with a warning on restart.
    if (b.dataDir) {
      const dir = join(b.dataDir, 'journal')
      appendFileSync(join(dir, readdirSync(dir).sort().at(-1)!), '{"entries":[{"key":"torn')
    }
    const second = await spawnLog(args, env)
    const stored = await exportedKeys(second.url)
    const lost = l.acked.filter((k) => !stored.has(k))
    expect(lost).toEqual([])
    expect(stored.size).toBeGreaterThanOrEqual(l.acked.length)
    if (b.dataDir) expect(second.output()).toMatch(/ends in an incomplete entry.*skipped/)
    second.process.kill('SIGTERM')
    expect(await second.exited).toBe(0)
    // The chain holds across the crash.
    const v = verifyCli(args, b.databaseUrl)
    expect(v.status, v.stderr).toBe(0)
    expect(JSON.parse(v.stdout).sites[0].receipts).toBe(stored.size)
  })
})

describe.each(backends)('a NUL receipt among 300 honest ones (%s)', (_name, make) => {
  it(
    'refuses it alone; after a stop and a start every honest receipt is stored, and verify holds',
    { timeout: 90_000 },
    async () => {
      const b = await make()
      const args = b.dataDir ? ['--data', b.dataDir] : []
      const env = { DATABASE_URL: b.databaseUrl }
      const first = await spawnLog(args, env)
      const honest = Array.from({ length: 300 }, () => receipt())
      const nul = receipt({ revision: '2026\u000011' })
      const answers = await Promise.all(
        [...honest.slice(0, 150), nul, ...honest.slice(150)].map((r) => post(first.url, r)),
      )
      expect(answers.filter((a) => a.status != 201).map((a) => [a.status, a.body.error])).toEqual([
        [400, 'samtykke serve: revision: contains a control character (U+0000 at 4)'],
      ])
      first.process.kill('SIGTERM')
      expect(await first.exited).toBe(0)
      const second = await spawnLog(args, env)
      const stored = await exportedKeys(second.url)
      expect(honest.filter((r) => !stored.has(`${r.id}@${r.time}`))).toEqual([])
      expect(stored.size).toBe(300)
      second.process.kill('SIGTERM')
      expect(await second.exited).toBe(0)
      const v = verifyCli(args, b.databaseUrl)
      expect(v.status, v.stderr).toBe(0)
      expect(JSON.parse(v.stdout).sites[0].receipts).toBe(300)
    },
  )
})

describe('the embedded store', () => {
  it('refuses a second server on the same data folder with a clear error', async () => {
    const dir = freshDataDir()
    const first = await spawnLog(['--data', dir])
    const second = spawnSync(process.execPath, [BIN, '--port', '0', '--data', dir], {
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(second.status).toBe(2)
    expect(second.stderr).toContain(
      `the data folder ${dir} is in use by another samtykke serve (pid ${first.process.pid})`,
    )
    first.process.kill('SIGTERM')
    expect(await first.exited).toBe(0)
  })

  it(
    'runs exactly one of three servers started at once on one folder, over the stale lock of a server killed with -9',
    { timeout: 60_000 },
    async () => {
      const dir = freshDataDir()
      const killed = await spawnLog(['--data', dir])
      killed.process.kill('SIGKILL')
      await killed.exited
      const starts = await Promise.allSettled([1, 2, 3].map(() => spawnLog(['--data', dir])))
      const running = starts
        .filter((s) => s.status == 'fulfilled')
        .map((s) => (s as PromiseFulfilledResult<Child>).value)
      expect(running).toHaveLength(1)
      for (const s of starts.filter((s) => s.status == 'rejected'))
        expect(String((s as PromiseRejectedResult).reason)).toContain(
          `is in use by another samtykke serve (pid ${running[0].process.pid})`,
        )
      expect((await post(running[0].url, receipt())).status).toBe(201)
      running[0].process.kill('SIGTERM')
      expect(await running[0].exited).toBe(0)
    },
  )

  it(
    'on a full disk answers 503 to a receipt its journal line did not fit, acknowledges only what is whole, and ' +
      'says so at /healthz until there is room',
    { timeout: 90_000 },
    async () => {
      const dir = freshDataDir()
      const disk = smallDisk(join(dir, 'journal'))
      try {
        const first = await spawnLog(['--data', dir])
        disk.fill(8192)
        // One at a time, so that each receipt is a journal line of its own, until one does not fit.
        const acked: string[] = []
        let refused
        for (let i = 0; i < 200 && !refused; i++) {
          const a = await post(first.url, receipt())
          if (a.status == 201) acked.push(a.body.key)
          else refused = a
        }
        expect(refused).toMatchObject({
          status: 503,
          body: {
            error: expect.stringMatching(/the journal cannot be written \(ENOSPC: .*\); the receipt was not stored/),
          },
        })
        // Every acknowledged receipt is in a complete journal line; the file ends on a whole line.
        const text = readFileSync(
          join(
            dir,
            'journal',
            readdirSync(join(dir, 'journal'))
              .filter((f) => f.endsWith('.ndjson'))
              .sort()
              .at(-1)!,
          ),
          'utf8',
        )
        expect(text.endsWith('\n')).toBe(true)
        const journaled = new Set(
          text
            .trim()
            .split('\n')
            .flatMap((l) => JSON.parse(l).entries.map((e: { key: string }) => e.key)),
        )
        expect(acked.filter((k) => !journaled.has(k))).toEqual([])
        const health = await fetch(first.url + '/healthz')
        expect(health.status).toBe(503)
        expect(await health.json()).toMatchObject({
          status: 'journal unavailable',
          reason: expect.stringMatching(/^ENOSPC/),
        })
        disk.empty()
        expect((await fetch(first.url + '/healthz')).status).toBe(200)
        const after = await post(first.url, receipt())
        expect(after.status).toBe(201)
        first.process.kill('SIGTERM')
        expect(await first.exited).toBe(0)
        const second = await spawnLog(['--data', dir])
        expect(second.output()).not.toContain('incomplete entry')
        const stored = await exportedKeys(second.url)
        expect([...acked, after.body.key].filter((k) => !stored.has(k))).toEqual([])
        second.process.kill('SIGTERM')
        expect(await second.exited).toBe(0)
      } finally {
        disk.unmount()
      }
    },
  )

  it('refuses to start, naming the folder, when it cannot write its journal', () => {
    const dir = freshDataDir()
    const journal = join(dir, 'journal')
    mkdirSync(journal)
    chmodSync(journal, 0o555)
    // Root writes anyway: run it as root without the capability to override file permissions (setpriv, util-linux),
    // so the folder's own mode applies. (Not as another user: a checkout inside a 0700 folder is unreadable to them.)
    const root = process.getuid?.() == 0
    const drop = [
      '--inh-caps=-dac_override,-dac_read_search',
      '--bounding-set=-dac_override,-dac_read_search',
      process.execPath,
    ]
    const [cmd, args] = root ? ['setpriv', drop] : [process.execPath, []]
    const run = spawnSync(cmd, [...args, BIN, '--port', '0', '--data', dir], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, DATABASE_URL: '' },
    })
    expect(run.status, run.stderr).toBe(2)
    expect(run.stderr).toContain(
      `samtykke serve: the journal folder ${journal} cannot be written (EACCES: permission denied`,
    )
    expect(run.stderr).toContain(
      `Give this user (uid ${process.getuid?.()}) write access to it, or use another --data folder.`,
    )
    expect(readdirSync(dir)).not.toContain('samtykke.pid')
  })

  it('replays a journaled batch that PGlite never got', async () => {
    const dir = freshDataDir()
    const first = await spawnLog(['--data', dir])
    expect((await post(first.url, receipt())).status).toBe(201)
    first.process.kill('SIGTERM')
    await first.exited
    // As if the process died after the journal's fsync and before PGlite's commit.
    const entry = journalEntry()
    const journal = join(dir, 'journal')
    appendFileSync(join(journal, readdirSync(journal).sort().at(-1)!), JSON.stringify({ entries: [entry] }) + '\n')
    const second = await spawnLog(['--data', dir])
    expect(second.output()).toContain('replayed 1 receipt(s) from the journal')
    expect((await exportedKeys(second.url)).has(entry.key)).toBe(true)
    second.process.kill('SIGTERM')
    await second.exited
  })

  it(
    'starts, and verify holds, with a journal an older version wrote with a poison entry: the entry is set ' +
      'aside with its reason',
    { timeout: 90_000 },
    async () => {
      const dir = freshDataDir()
      const first = await spawnLog(['--data', dir])
      expect((await post(first.url, receipt())).status).toBe(201)
      first.process.kill('SIGTERM')
      await first.exited
      // What an older version journaled before its database refused the batch: honest receipts, one with a NUL byte,
      // and one the database refuses for its size (a refusal only the database knows of).
      const honest = [journalEntry(), journalEntry()]
      const nul = journalEntry({ revision: '2026\u000011' })
      const huge = journalEntry({ key: 'k'.repeat(10) + randomBytes(8000).toString('hex') })
      // Stored, but as U+FFFD: the chain would break at it.
      const lone = journalEntry({ path: '/\udc00' })
      const journal = join(dir, 'journal')
      const segment = readdirSync(journal).sort().at(-1)!
      appendFileSync(
        join(journal, segment),
        JSON.stringify({ entries: [honest[0], nul, huge, lone, honest[1]] }) + '\n',
      )
      const second = await spawnLog(['--data', dir])
      expect(second.output()).toContain('replayed 2 receipt(s) from the journal')
      expect(second.output()).toMatch(
        /warning: a receipt in .*\.ndjson \(the line ending at byte \d+\) can never be stored: revision: contains a control character \(U\+0000 at 4\)\. It was set aside in .*rejected\.ndjson/,
      )
      expect(second.output()).toMatch(/can never be stored: the database refused it: .*\(SQLSTATE 54000\)/)
      const stored = await exportedKeys(second.url)
      expect(honest.every((e) => stored.has(e.key))).toBe(true)
      expect(stored.size).toBe(3)
      second.process.kill('SIGTERM')
      expect(await second.exited).toBe(0)
      const rejected = readFileSync(join(journal, 'rejected.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
      expect(rejected.map((r) => [r.entry.key, r.segment, r.reason.slice(0, 30)])).toEqual([
        [nul.key, segment, 'revision: contains a control c'],
        [lone.key, segment, 'path: contains a lone UTF-16 s'],
        [huge.key, segment, 'the database refused it: index'],
      ])
      // Set aside once: a second start and verify find nothing left to replay.
      const v = verifyCli(['--data', dir])
      expect(v.status, v.stderr).toBe(0)
      expect(v.stderr).not.toContain('can never be stored')
      expect(JSON.parse(v.stdout).sites[0].receipts).toBe(3)
    },
  )
})

describe('a Postgres server', () => {
  it('takes two server processes at once: no duplicates, no losses, one unbroken chain', async () => {
    const url = await freshPostgres()
    const [a, b] = await Promise.all([spawnLog([], { DATABASE_URL: url }), spawnLog([], { DATABASE_URL: url })])
    // Every receipt goes to both servers at once, as a retried beacon behind a load balancer might.
    const sent = Array.from({ length: 300 }, () => receipt())
    const acked = new Set<string>()
    for (let i = 0; i < sent.length; i += 30) {
      const answers = await Promise.all(sent.slice(i, i + 30).flatMap((r) => [post(a.url, r), post(b.url, r)]))
      for (const x of answers) if (x.status < 300) acked.add(x.body.key)
    }
    expect(acked.size).toBe(300)
    const rows = await sql(url, 'SELECT key, count(*)::int AS n FROM receipts GROUP BY key')
    expect(rows.length).toBe(300)
    expect(rows.every((r) => r.n == 1)).toBe(true)
    const db = await openPostgres(url, { max: 1 })
    expect((await verifyChain(db)).map((r) => [r.receipts, r.breaks])).toEqual([[300, []]])
    await db.close()
    a.process.kill('SIGTERM')
    b.process.kill('SIGTERM')
    await Promise.all([a.exited, b.exited])
  })

  it('answers 503 while the database is down, stores nothing half, and recovers by itself', async () => {
    const url = await freshPostgres()
    const name = new URL(url).pathname.slice(1)
    const admin = url.replace(/\/[^/]+$/, '/postgres')
    const s = await startServer({ port: 0, databaseUrl: url, warn: () => {} })
    try {
      expect((await post(s.url, receipt())).status).toBe(201)
      await sql(admin, `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`)
      await sql(admin, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name])
      const down = receipt()
      const a = await post(s.url, down)
      expect(a.status).toBe(503)
      expect(a.body.error).toMatch(/database is unavailable; the receipt was not stored/)
      expect((await fetch(s.url + '/healthz')).status).toBe(503)
      await sql(admin, `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`)
      const after = receipt()
      expect((await post(s.url, after)).status).toBe(201)
      expect((await fetch(s.url + '/healthz')).status).toBe(200)
      const ids = (await sql(url, 'SELECT consent_id FROM receipts')).map((r) => r.consent_id)
      expect(ids).toHaveLength(2)
      expect(ids).toContain(after.id)
      expect(ids).not.toContain(down.id)
    } finally {
      await s.close()
    }
  })
})
