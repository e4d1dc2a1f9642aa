// What the consent log's tests share: a fresh database of either kind, receipts, and a server in its own process.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  cpSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { inject } from 'vitest'
import pg from 'pg'

export const PACKAGE = resolve(import.meta.dirname, '..')
export const BIN = join(PACKAGE, 'bin.mjs')

/** A new, empty database on the test Postgres server; its URL. */
export async function freshPostgres(): Promise<string> {
  const admin = inject('pgUrl')
  const name = 'samtykke_' + randomBytes(6).toString('hex')
  const c = new pg.Client(admin)
  await c.connect()
  await c.query(`CREATE DATABASE ${name}`)
  await c.end()
  return admin.replace(/\/postgres$/, '/' + name)
}

/** Runs SQL as the superuser on the database behind `url`. */
export async function sql(url: string, text: string, params: unknown[] = []) {
  const c = new pg.Client(url)
  await c.connect()
  try {
    return (await c.query(text, params)).rows
  } finally {
    await c.end()
  }
}

/** A new PGlite data folder (a copy of the migrated template). */
export function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-log-'))
  cpSync(inject('pgliteTemplate'), join(dir, 'pgdata'), { recursive: true })
  return dir
}

export type Backend =
  | { name: 'PGlite'; dataDir: string; databaseUrl?: undefined }
  | { name: 'Postgres'; databaseUrl: string; dataDir?: undefined }
export const backends = [
  ['PGlite', async (): Promise<Backend> => ({ name: 'PGlite', dataDir: freshDataDir() })],
  ['Postgres', async (): Promise<Backend> => ({ name: 'Postgres', databaseUrl: await freshPostgres() })],
] as const

export const consentId = () => randomBytes(12).toString('hex')

/** A receipt as @samtykke/core's sendReceipt posts it. */
export function receipt(over: Record<string, unknown> = {}) {
  return {
    v: 1,
    id: consentId(),
    time: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
    revision: '2026-11-25',
    how: 'all',
    gpc: false,
    categories: { necessary: true, analytics: true, marketing: true },
    url: 'http://localhost:8080/tjenester?utm_source=x#top',
    ...over,
  }
}

export async function post(base: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + '/v1/receipts', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body == 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json().catch(() => null)) as any }
}

export interface Child {
  url: string
  process: ChildProcess
  output: () => string
  /** Resolves with the exit code (or signal). */
  exited: Promise<number | string>
}

/** `samtykke serve` in its own process (the built dist/), on a free port; resolves once it listens. */
export function spawnServer(args: string[], env: Record<string, string | undefined> = {}): Promise<Child> {
  if (!existsSync(join(PACKAGE, 'dist/cli.js')))
    throw new Error('packages/server/dist is missing: run `npx -y pnpm@10 build` first')
  const child = spawn(process.execPath, [BIN, '--port', '0', '--json', ...args], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? -1)),
  )
  return new Promise((ok, fail) => {
    child.stderr!.on('data', (d) => (out += d))
    child.stdout!.on('data', (d) => {
      out += d
      const m = /\{"url":"([^"]+)"/.exec(out)
      if (m) ok({ url: m[1], process: child, output: () => out, exited })
    })
    exited.then((code) => fail(new Error(`samtykke serve exited (${code}) before it listened:\n${out}`)))
  })
}

/**
 * A real small disk: a tmpfs of `kb` KiB mounted at `dir` (which is made). Writing past its size is a short write,
 * then ENOSPC, as on a full disk. Mounting needs root, as the test machine and CI run.
 */
export function smallDisk(dir: string, kb = 64) {
  mkdirSync(dir, { recursive: true })
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (e) {
    throw new Error(
      `a full-disk test mounts a ${kb} KiB tmpfs, which needs root (run the server tests as root): ` +
        `${(e as Error).message}`,
    )
  }
  const filler = join(dir, 'filler')
  return {
    /** Fills the disk, then frees `free` bytes of it (whole pages): the next write that needs more is cut short. */
    fill(free: number) {
      const fd = openSync(filler, 'a')
      try {
        const chunk = Buffer.alloc(4096, 120)
        for (;;) writeSync(fd, chunk)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code != 'ENOSPC') throw e
        ftruncateSync(fd, Math.max(0, fstatSync(fd).size - free))
      } finally {
        closeSync(fd)
      }
    },
    /** Makes room again. */
    empty: () => rmSync(filler, { force: true }),
    /** Lazily: a test that failed may leave a file open on it (a server still running), which must not keep it. */
    unmount: () => execFileSync('umount', ['--lazy', dir]),
  }
}
