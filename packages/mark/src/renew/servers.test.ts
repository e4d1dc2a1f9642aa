// The snippets in docs/server-cookie.md, run in the real servers (Debian's nginx with njs, Apache with mod_lua;
// scripts/ensure-web-servers.mjs installs them): each must send back exactly what renewCookie would, and nothing
// where renewCookie sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import type { IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { encodeRecord, type ConsentRecord } from '@samtykke/core'
import { renewCookie } from '.'

const SNIPPETS = resolve(import.meta.dirname, '../../../../docs/server-cookie')
const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx'
const NJS = '/usr/lib/nginx/modules/ngx_http_js_module.so'
const APACHE = process.env.APACHE_PATH || '/usr/sbin/apache2'
const APACHE_MODULES = '/usr/lib/apache2/modules'
const DAY = 864e5

const record = (ago: number, over: Partial<ConsentRecord> = {}) =>
  encodeRecord({
    v: 1,
    revision: '3',
    time: Date.now() - ago,
    id: 'a1b2c3d4e5f6a7b8',
    how: 'custom',
    gpc: false,
    categories: { necessary: true, preferences: false, analytics: true, marketing: false },
    ...over,
  })

async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok))
  const port = (s.address() as { port: number }).port
  await new Promise((ok) => s.close(ok))
  return port
}

interface Running {
  base: string
  /** What the server logged to its own file, if it logs to one. */
  errors(): string
  stop(): Promise<void>
}

async function start(binary: string, args: string[], port: number, log: string[]): Promise<Running> {
  if (!existsSync(binary))
    throw new Error(
      `${binary} is missing: run node scripts/ensure-web-servers.mjs (Debian: apt-get install nginx ` +
        `libnginx-mod-http-js apache2)`,
    )
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (d) => log.push(String(d)))
  child.stderr!.on('data', (d) => log.push(String(d)))
  const base = `http://127.0.0.1:${port}`
  const until = Date.now() + 10_000
  for (;;) {
    if (child.exitCode != null) throw new Error(`${binary} stopped: ${log.join('')}`)
    try {
      await fetch(base + '/')
      break
    } catch {
      if (Date.now() > until) {
        child.kill('SIGKILL')
        throw new Error(`${binary} did not answer on ${base}: ${log.join('')}`)
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  return {
    base,
    errors: () => '',
    stop: async () => {
      if (child.exitCode != null) return
      const gone = new Promise((ok) => child.once('exit', ok))
      child.kill('SIGTERM')
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))])
      if (child.exitCode == null) child.kill('SIGKILL')
    },
  }
}

function site(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-servers-'))
  mkdirSync(join(dir, 'html'))
  writeFileSync(join(dir, 'html/index.html'), '<!doctype html><title>INNFRAM</title><p>Hei')
  writeFileSync(join(dir, 'html/styles.css'), 'p{color:red}')
  chmodSync(dir, 0o755) // Apache started as root serves as www-data
  return dir
}

const SERVERS = {
  'nginx (njs)': async (log: string[]) => {
    const dir = site()
    const port = await freePort()
    writeFileSync(
      join(dir, 'nginx.conf'),
      `load_module ${NJS};
daemon off; master_process off; pid ${dir}/nginx.pid; error_log stderr warn;
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/t1; proxy_temp_path ${dir}/t2; fastcgi_temp_path ${dir}/t3;
  uwsgi_temp_path ${dir}/t4; scgi_temp_path ${dir}/t5;
  js_import samtykke from ${SNIPPETS}/samtykke.js;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/html;
    location / { js_header_filter samtykke.renew; }
  }
}
`,
    )
    const running = await start(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], port, log).catch((e) => {
      rmSync(dir, { recursive: true, force: true })
      throw e
    })
    return { ...running, stop: async () => (await running.stop(), rmSync(dir, { recursive: true, force: true })) }
  },
  'Apache (mod_lua)': async (log: string[]) => {
    const dir = site()
    const port = await freePort()
    // A copy in the served folder: Apache's workers (www-data) may not enter the checkout's folders.
    copyFileSync(join(SNIPPETS, 'samtykke.lua'), join(dir, 'samtykke.lua'))
    const snippet = readFileSync(join(SNIPPETS, 'apache.conf'), 'utf8').replace(
      '/etc/apache2/samtykke.lua',
      join(dir, 'samtykke.lua'),
    )
    const M = APACHE_MODULES
    writeFileSync(
      join(dir, 'httpd.conf'),
      `ServerRoot ${dir}
ServerName localhost
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
ErrorLog ${dir}/error.log
LogLevel warn
LoadModule mpm_event_module ${M}/mod_mpm_event.so
LoadModule authz_core_module ${M}/mod_authz_core.so
LoadModule mime_module ${M}/mod_mime.so
LoadModule dir_module ${M}/mod_dir.so
LoadModule lua_module ${M}/mod_lua.so
User www-data
Group www-data
TypesConfig /etc/mime.types
DocumentRoot ${dir}/html
DirectoryIndex index.html
<Directory ${dir}/html>
  Require all granted
</Directory>
${snippet}
`,
    )
    const errors = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '')
    const running = await start(APACHE, ['-X', '-f', join(dir, 'httpd.conf')], port, log).catch((e) => {
      const text = errors()
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`${e.message}\n${text}`)
    })
    return {
      ...running,
      errors,
      stop: async () => (await running.stop(), rmSync(dir, { recursive: true, force: true })),
    }
  },
}

const maxAge = (c: string) => Number(/; Max-Age=(\d+);/.exec(c)?.[1])

describe.each(Object.entries(SERVERS))('the %s snippet', (_, launch) => {
  let server: Running
  const log: string[] = []
  beforeAll(async () => void (server = await launch(log)), 15_000)
  afterAll(() => server?.stop())

  const get = async (path: string, headers: Record<string, string>) => {
    const r = await fetch(server.base + path, { headers })
    await r.text()
    expect(r.status).toBe(200)
    return r.headers.getSetCookie()
  }
  /** What the server sends, next to what renewCookie sends for the same request. */
  const both = async (headers: Record<string, string>, path = '/') => {
    const sent = await get(path, headers)
    const node = renewCookie(
      {
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
        socket: {},
      } as IncomingMessage,
      { config: {} },
    )
    return { sent, node }
  }

  it(
    'sends the cookie back unchanged, for what remains of its lifetime from the decision time, as renewCookie ' +
      'does',
    async () => {
      for (const ago of [0, 10 * DAY, 181 * DAY]) {
        const value = record(ago)
        const { sent, node } = await both({ cookie: `theme=dark; samtykke=${value}; other=1` })
        expect(sent).toHaveLength(1)
        expect(sent[0].replace(/Max-Age=\d+/, '')).toBe(node!.replace(/Max-Age=\d+/, ''))
        expect(sent[0].startsWith(`samtykke=${value}; Max-Age=`)).toBe(true)
        expect(sent[0]).toMatch(/; Path=\/; SameSite=Lax$/)
        expect(Math.abs(maxAge(sent[0]) - Math.round((182 * DAY - ago) / 1000))).toBeLessThanOrEqual(2)
      }
    },
  )

  it(
    'never extends and never re-issues a tampered, expired, future or doubled cookie, nor one with a category the ' +
      'site does not have',
    async () => {
      const good = record(DAY)
      for (const bad of [
        record(182 * DAY + 5000),
        record(-3 * DAY),
        good.replace('analytics:1', 'analytics:2'),
        good.replace('necessary:1', 'necessary:0'),
        good + '.analytics:0',
        good + '.video:1',
        good.replace(/^1~/, '2~'),
        'x'.repeat(500),
      ]) {
        const { sent, node } = await both({ cookie: `samtykke=${bad}` })
        expect(node, bad).toBeUndefined()
        expect(sent, bad).toEqual([])
      }
      expect((await both({ cookie: `samtykke=${good}; samtykke=${record(2 * DAY)}` })).sent).toEqual([])
    },
  )

  it('sends nothing to a visitor who has not decided, for a prefetch, or on what is not HTML', async () => {
    expect(await get('/', {})).toEqual([])
    expect(await get('/', { cookie: 'theme=dark; samtykke_x=1' })).toEqual([])
    expect(await get('/', { cookie: `samtykke=${record(DAY)}`, 'sec-purpose': 'prefetch' })).toEqual([])
    expect(await get('/styles.css', { cookie: `samtykke=${record(DAY)}` })).toEqual([])
    expect(log.join('') + server.errors()).not.toMatch(/\[(lua:)?(error|crit)|exception|js exception/i)
  })
})
