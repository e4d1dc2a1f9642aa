// `pnpm bench:log`: the consent log (`samtykke serve`) under load on loopback, with PGlite and with a local Postgres
// server (a throw-away cluster, test/pg-cluster.mjs). Not a test: it reports figures.
//
//   node bench/log.mjs            (or `pnpm bench:log`, which builds first)
//
// Settings (env): BENCH_LOG_RECEIPTS (default 30000 per back end), BENCH_LOG_CONNECTIONS (default 50).
// For each back end: autocannon posts that many unique receipts, as sendBeacon does (text/plain); the server's
// memory (RSS, from /proc) is sampled; afterwards the server is stopped and the rows are counted:
// stored must equal acknowledged (every 2xx). Writes the Markdown table to stdout and to bench/log-results.md.
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { createRequire } from 'node:module'
import { startCluster } from '../test/pg-cluster.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const BIN = join(ROOT, 'packages/server/bin.mjs')
const AMOUNT = Number(process.env.BENCH_LOG_RECEIPTS || 30000)
const CONNECTIONS = Number(process.env.BENCH_LOG_CONNECTIONS || 50)
const require = createRequire(join(ROOT, 'packages/server/package.json'))

const receipt = () =>
  JSON.stringify({
    v: 1,
    id: randomBytes(12).toString('hex'),
    time: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
    revision: '2026-11-25',
    how: 'custom',
    gpc: false,
    categories: { necessary: true, analytics: true, marketing: false },
    url: 'http://localhost:8080/tjenester',
  })

function start(args, env) {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--json', '--rate-limit', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)))
  return new Promise((ok, fail) => {
    child.stderr.on('data', (d) => (out += d))
    child.stdout.on('data', (d) => {
      out += d
      const m = /\{"url":"([^"]+)"/.exec(out)
      if (m) ok({ url: m[1], child, exited, output: () => out })
    })
    exited.then((code) => fail(new Error(`samtykke serve exited (${code}):\n${out}`)))
  })
}

const rss = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024
  } catch {
    return 0
  }
}

async function run(name, args, env, count) {
  // A first start creates the database (PGlite's initdb takes memory it never gives back): measure a restarted server,
  // as it runs after any deploy.
  const init = await start(args, env)
  init.child.kill('SIGTERM')
  await init.exited
  const server = await start(args, env)
  const idle = rss(server.child.pid)
  let peak = idle
  const sampler = setInterval(() => (peak = Math.max(peak, rss(server.child.pid))), 200)
  process.stderr.write(`bench:log: ${name}: ${AMOUNT} receipts, ${CONNECTIONS} connections…\n`)
  const result = await autocannon({
    url: server.url + '/v1/receipts',
    connections: CONNECTIONS,
    amount: AMOUNT,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        setupRequest: (req) => ({ ...req, body: receipt() }),
      },
    ],
  })
  clearInterval(sampler)
  server.child.kill('SIGTERM')
  await server.exited
  const acknowledged = result['2xx']
  const stored = await count()
  return {
    name,
    rps: Math.round(acknowledged / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    rssMB: Math.round(peak / 2 ** 20),
    idleMB: Math.round(idle / 2 ** 20),
    acknowledged,
    stored,
    errors: result.non2xx + result.errors + result.timeouts,
  }
}

const load = loadavg()
const results = []
// PGlite (embedded, the default): journal fsync + PGlite per batch.
{
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-bench-'))
  try {
    results.push(
      await run('PGlite (embedded)', ['--data', dir], { DATABASE_URL: '' }, async () => {
        const { PGlite } = await import(require.resolve('@electric-sql/pglite'))
        const db = await PGlite.create(join(dir, 'pgdata'))
        const n = (await db.query('SELECT count(*)::int AS n FROM receipts')).rows[0].n
        await db.close()
        return n
      }),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
// A local Postgres server (Debian's), fsync and synchronous_commit on (the defaults).
{
  const cluster = await startCluster()
  try {
    results.push(
      await run('Postgres server (DATABASE_URL)', [], { DATABASE_URL: cluster.url }, async () => {
        const pg = require('pg')
        const c = new pg.Client(cluster.url)
        await c.connect()
        const n = (await c.query('SELECT count(*)::int AS n FROM receipts')).rows[0].n
        await c.end()
        return n
      }),
    )
  } finally {
    await cluster.stop()
  }
}

const table = [
  `Consent log under load: ${AMOUNT} unique receipts per back end, ${CONNECTIONS} connections, autocannon on loopback, ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  `Machine load average when it started: ${load.map((l) => l.toFixed(1)).join(', ')} (the figures are lower when other work shares the cores).`,
  '',
  '| back end | receipts/s | p50 | p99 | RSS idle → peak | acknowledged (2xx) | stored rows | stored == acknowledged | non-2xx/errors |',
  '|---|---:|---:|---:|---:|---:|---:|:---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.rps} | ${r.p50} ms | ${r.p99} ms | ${r.idleMB} → ${r.rssMB} MB | ${r.acknowledged} | ${r.stored} | ${r.stored == r.acknowledged ? 'yes' : '**NO**'} | ${r.errors} |`,
  ),
].join('\n')
console.log(table)
writeFileSync(join(ROOT, 'bench/log-results.md'), table + '\n')
process.exitCode = results.every((r) => r.stored == r.acknowledged) ? 0 : 1
