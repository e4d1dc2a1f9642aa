// A throw-away Postgres server for the consent log's tests and benchmark: initdb in a temp folder, start it on a free
// port with its own socket folder, stop it and remove the folder afterwards. Postgres refuses to run as root, so as
// root the folder belongs to the `postgres` user and every command runs as that user (runuser).
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The folder holding initdb and pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/<major>/bin. */
export function findPgBin() {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : undefined
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const majors = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return majors.length ? join(root, majors[0], 'bin') : undefined
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })

function postgresUser() {
  try {
    const out = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
    return { uid: Number(out), gid: Number(gid) }
  } catch {
    throw new Error(
      'samtykke tests: running as root, and there is no `postgres` user to run Postgres as (apt-get install postgresql creates it).',
    )
  }
}

/**
 * Starts a fresh cluster. Returns { url, stop }: `url` is a postgres:// URL for the superuser `postgres`
 * (trust auth on 127.0.0.1 only); `stop()` stops the server (fast) and removes its folder. Also stops it when the
 * process exits, so an interrupted run leaves nothing behind.
 */
export async function startCluster({ log = false } = {}) {
  const bin = findPgBin()
  if (!bin)
    throw new Error('samtykke tests: no Postgres found: run `node scripts/ensure-postgres.mjs` (or set PG_BIN).')
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-pg-'))
  const data = join(dir, 'data')
  const root = process.getuid?.() === 0
  const as = (cmd, args) => (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args])
  if (root) {
    const { uid, gid } = postgresUser()
    chownSync(dir, uid, gid)
  }
  const sh = (cmd, args) => {
    const [c, a] = as(join(bin, cmd), args)
    const r = spawnSync(c, a, { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`samtykke tests: ${cmd} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`)
    return r.stdout
  }
  sh('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const port = await freePort()
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    const [c, a] = as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'])
    spawnSync(c, a, { stdio: 'ignore' })
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', stop)
  try {
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=64MB`
    sh('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', '-t', '30', 'start'])
  } catch (e) {
    stop()
    throw e
  }
  if (log) console.error(`samtykke tests: Postgres on 127.0.0.1:${port} (${data})`)
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, stop: async () => stop() }
}
