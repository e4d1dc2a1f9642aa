// The one `samtykke` command (bin/samtykke.mjs): it dispatches to the tools' own packages, built (dist/) like the
// rest of this project, and says plainly what it does not know. (No browser here but the scanner's; it runs with the
// tests of the built packages.)
import { execFile, spawn } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const BIN = join(import.meta.dirname, '../bin/samtykke.mjs')
const ROOT = join(import.meta.dirname, '../../..')
type Result = { code: number | null; stdout: string; stderr: string }
const run = (args: string[], cwd = process.cwd(), env = process.env, bin = BIN) =>
  new Promise<Result>((done) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env, encoding: 'utf8', timeout: 20_000 },
      (_, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
    )
  })

// pnpm as the test run was started (`pnpm test`), else as the README says to run it.
const execpath = process.env.npm_execpath ?? ''
const PNPM = /pnpm\.c?js$/.test(execpath) ? [process.execPath, execpath] : ['npx', '-y', 'pnpm@10']
/** `npx -y pnpm@10 --dir <clone> samtykke …`, typed in `cwd`: the clone form, from another folder. */
const cloneForm = (args: string[], cwd: string) =>
  new Promise<Result>((done) => {
    const child = execFile(
      PNPM[0],
      [...PNPM.slice(1), '--dir', ROOT, 'samtykke', ...args],
      { cwd, encoding: 'utf8', timeout: 120_000 },
      (_, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
    )
  })

const temps: string[] = []
const temp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `samtykke-${name}-`))
  temps.push(dir)
  return dir
}
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('the samtykke command', () => {
  it('lists its commands; with none it exits 2, with --help 0', async () => {
    const none = await run([])
    expect(none.code).toBe(2)
    for (const c of ['mark', 'scan', 'serve']) expect(none.stdout).toMatch(new RegExp(`^  ${c} `, 'm'))
    expect((await run(['--help'])).code).toBe(0)
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('names an unknown command and the ones it has, exit 2', async () => {
    const r = await run(['sacn'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('samtykke: unknown command "sacn". Commands: mark, scan, serve.\n')
  })

  it('hands each command to its own package, also from a folder outside the project', async () => {
    const elsewhere = temp('cmd')
    for (const [command, usage] of [
      ['mark', 'Usage: samtykke mark'],
      ['scan', 'Usage: samtykke scan'],
      ['serve', 'samtykke serve'],
    ]) {
      const r = await run([command, '--help'], elsewhere)
      expect(r.code, command).toBe(0)
      expect(r.stdout + r.stderr, command).toContain(usage)
    }
    // The tool's exit code comes back: `mark --check` on a folder with an unmarked tag fails.
    writeFileSync(
      join(elsewhere, 'index.html'),
      '<!doctype html><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>',
    )
    const check = await run(['mark', elsewhere, '--check'], elsewhere)
    expect(check.code).toBe(1)
  })
})

describe('the samtykke command in a clone, run from another folder', () => {
  it('reads the paths the user typed from the folder they typed them in', async () => {
    const site = temp('clone-form')
    writeFileSync(
      join(site, 'index.html'),
      '<!doctype html><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>',
    )
    const r = await cloneForm(['mark', '.'], site)
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain(
      '<script type="text/plain" data-category="analytics" async src=',
    )
  }, 120_000)

  it("writes the scanner's report to ./samtykke-scan in the user's folder", async () => {
    const site = temp('clone-scan')
    const server = await listen((_, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Hei</title><p>Hei</p>'),
    )
    try {
      const r = await cloneForm(
        ['scan', `http://127.0.0.1:${port(server)}/`, '--max-pages', '1', '--no-sitemap', '--quiet'],
        site,
      )
      expect(r.code, r.stderr).toBe(0)
      expect(readdirSync(join(site, 'samtykke-scan')).sort()).toEqual(['declaration.json', 'report.html'])
    } finally {
      server.close()
    }
  }, 120_000)

  it("keeps the log's data in ./samtykke-log in the user's folder", async () => {
    const site = temp('clone-serve')
    const server = await listen(() => {})
    const free = port(server)
    server.close()
    // Its own process group, so that the test stops pnpm, its shell and the log together.
    const child = spawn(PNPM[0], [...PNPM.slice(1), '--dir', ROOT, 'samtykke', 'serve', '--port', String(free)], {
      cwd: site,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const exited = new Promise((done) => child.on('close', done))
    try {
      await expect.poll(() => stderr, { timeout: 90_000 }).toContain('samtykke serve: listening')
      expect(stderr).toContain(`storing in PGlite in ${join(site, 'samtykke-log')}`)
      expect(existsSync(join(site, 'samtykke-log', 'pgdata'))).toBe(true)
    } finally {
      process.kill(-child.pid!, 'SIGTERM')
      await exited
    }
  }, 120_000)
})

describe('the samtykke command with its tool installed nowhere', () => {
  /** This bin, copied where no @samtykke package can be found, with npm pointed at `registry`. */
  function isolated(registry: Server) {
    const dir = temp('isolated')
    mkdirSync(join(dir, 'samtykke/bin'), { recursive: true })
    copyFileSync(BIN, join(dir, 'samtykke/bin/samtykke.mjs'))
    copyFileSync(join(import.meta.dirname, '../package.json'), join(dir, 'samtykke/package.json'))
    // Nor NODE_PATH: pnpm's bin shims (vitest's) set it to node_modules/.pnpm/node_modules, where workspace packages
    // may be hoisted.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|INIT_CWD$|NODE_PATH$)/i.test(k)),
    )
    Object.assign(env, {
      npm_config_registry: `http://127.0.0.1:${port(registry)}/`,
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_fetch_retries: '0',
      npm_config_update_notifier: 'false',
    })
    return { cwd: dir, env, bin: join(dir, 'samtykke/bin/samtykke.mjs') }
  }

  it('exits 2, not 1, when npm cannot fetch it, and says how to install it', async () => {
    const registry = await listen((_, res) =>
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}'),
    )
    try {
      const { cwd, env, bin } = isolated(registry)
      const r = await run(['mark', '.', '--check'], cwd, env, bin)
      expect(r.stderr).toMatch(/^samtykke: could not fetch @samtykke\/mark@\d+\.\d+\.\d+ with npm \(exit 1\)\.$/m)
      expect(r.stderr).toMatch(/^  npm error 404 /m)
      expect(r.stderr).toContain('Install it in this project (npm i -D @samtykke/mark)')
      expect(r.code).toBe(2)
    } finally {
      registry.close()
    }
  }, 60_000)

  it('reports 128 + the number of the signal that ended npm (SIGKILL: 137)', async () => {
    const asked: string[] = []
    const registry = await listen((req) => asked.push(req.url ?? '')) // never answers
    try {
      const { cwd, env, bin } = isolated(registry)
      const child = spawn(process.execPath, [bin, 'scan', 'http://127.0.0.1/'], { cwd, env, stdio: 'ignore' })
      const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)))
      await expect.poll(() => asked.length, { timeout: 30_000 }).toBeGreaterThan(0)
      const npm = childrenOf(child.pid!)
      expect(npm).toHaveLength(1)
      process.kill(npm[0], 'SIGKILL')
      expect(await exited).toBe(137)
    } finally {
      registry.closeAllConnections()
      registry.close()
    }
  }, 60_000)
})

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  return new Promise<Server>((done) => {
    const server = createServer(handler)
    server.listen(0, '127.0.0.1', () => done(server))
  })
}

const port = (server: Server) => (server.address() as { port: number }).port

/** The processes whose parent is `pid` (Linux: /proc). */
function childrenOf(pid: number) {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // pid (comm) state ppid …: comm may hold spaces and parentheses, so read from the last ')'.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false // gone meanwhile
      }
    })
    .map(Number)
}
