// Sites that fight back: each problem named in one line with exit 2, or the documented behaviour (a page that never
// loads is skipped and noted; pop-ups are closed; a page that navigates away is noted). Ctrl-C leaves no Chromium.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from './cli'
import type { ScanResult } from './types'
import { freePort } from '../../../test/site'
import { runScan, startServer, type TestServer } from '../test/server'

const html = (body: string) =>
  `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Side</title></head><body>${body}</body></html>`

let server: TestServer
const raw = (...argv: string[]) =>
  runScan(run, ['--quiet', '--timeout', '5', ...server.browserArgs.map((a) => '--browser-arg=' + a), ...argv])
const scan = (...argv: string[]) => raw(...argv, '--ignore-https-errors')

beforeAll(async () => {
  server = await startServer({
    'plain.test': {
      files: {
        '/': html('<a href="/b">b</a>'),
        '/b': html('<h1>B</h1>'),
        '/data.json': '{"ok":true}',
        '/pop': html('<script>window.open("/b")</script><a href="/away">videre</a>'),
        '/away': html('<script>location.replace("https://other.test/")</script>'),
      },
    },
    'sitemap.test': {
      files: {
        '/': html('<a href="/b">b</a> <a href="/a">a</a>'),
        '/sitemap.xml':
          '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>' +
          'http://www.sitemap.test/c</loc></url><url><loc>http://www.sitemap.test/a</loc></url><url><loc>' +
          'https://elsewhere.test/x</loc></url></urlset>',
        '/a': html('a'),
        '/b': html('b'),
        '/c': html('c'),
      },
    },
    'broken.test': {
      files: { '/': html('hei'), '/sitemap.xml': '<urlset><url><loc>http://www.broken.test/a</loc></urlset>' },
    },
  })
})
afterAll(() => server?.close())

describe('the start page cannot be scanned: one line, exit 2', () => {
  it.each([
    [
      'an unreachable host',
      'http://nowhere.invalid/',
      'samtykke scan: could not reach http://nowhere.invalid/: the host name does not resolve. Check the URL ' +
        'and your network.',
    ],
    [
      'a 404 start page',
      'http://www.plain.test/status/404',
      'samtykke scan: the start page http://www.plain.test/status/404 answered HTTP 404: scan a page that loads (2xx).',
    ],
    [
      'a 500 start page',
      'http://www.plain.test/status/500',
      'samtykke scan: the start page http://www.plain.test/status/500 answered HTTP 500: scan a page that loads (2xx).',
    ],
    [
      'a start URL that is not HTML',
      'http://www.plain.test/data.json',
      'samtykke scan: the start page http://www.plain.test/data.json is not an HTML page (Content-Type: ' +
        "application/json): scan the site's web page instead.",
    ],
    [
      'a redirect loop',
      'http://www.plain.test/loop',
      'samtykke scan: http://www.plain.test/loop redirects in a loop (too many redirects): fix the redirects on ' +
        'the site.',
    ],
    [
      'a malformed sitemap.xml',
      'http://www.broken.test/',
      'samtykke scan: http://www.broken.test/sitemap.xml is not a well-formed sitemap (Expected closing tag ' +
        "'url' (opened in line 1, col 9) instead of closing tag 'urlset'. at line 1): fix it, or scan without it " +
        '(--no-sitemap).',
    ],
  ])('%s', async (_, url, line) => {
    const r = await scan(url)
    expect(r.stderr).toBe(line + '\n')
    expect(r.code).toBe(2)
  })

  it('a refused connection', async () => {
    const url = `http://localhost:${await freePort()}/`
    const r = await scan(url)
    expect(r.stderr).toBe(
      `samtykke scan: could not reach ${url}: connection refused. Is the site running on that port?\n`,
    )
    expect(r.code).toBe(2)
  })

  it('a TLS error, unless --ignore-https-errors', async () => {
    const r = await raw('https://www.plain.test/', '--max-pages', '1')
    const code = /\(ERR_CERT_[A-Z_]+\)/.exec(r.stderr)?.[0]
    expect(r.stderr).toBe(
      `samtykke scan: https://www.plain.test/ has a TLS certificate error ${code}. ` +
        'Fix the certificate, or pass --ignore-https-errors to scan anyway (e.g. a local test server).\n',
    )
    expect(r.code).toBe(2)
    const ok = await raw('https://www.plain.test/', '--max-pages', '1', '--ignore-https-errors', '--no-report')
    expect(ok.code).toBe(0)
  })
})

describe('pages that misbehave: the scan goes on', () => {
  it('a page that never finishes hits the timeout, is noted, and the next page is scanned', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'samtykke-urls-')), 'urls.txt')
    writeFileSync(file, ['http://www.plain.test/', 'http://www.plain.test/never', 'http://www.plain.test/b'].join('\n'))
    const r = await scan('--urls', file, '--timeout', '1.5', '--json')
    expect(r.code).toBe(0)
    const json: ScanResult = r.json()
    expect(json.pages.map((p) => [new URL(p.url).pathname, p.status])).toEqual([
      ['/', 'ok'],
      ['/never', 'timeout'],
      ['/b', 'ok'],
    ])
    expect(r.stderr).toContain(
      'note: before-choice: http://www.plain.test/never did not finish loading within 1.5 s; recorded what it ' +
        'did until then, went on',
    )
  })

  it('pop-ups are closed and a page that navigates away is noted', async () => {
    const r = await scan('http://www.plain.test/pop', '--json', '--no-sitemap')
    expect(r.code).toBe(0)
    const json: ScanResult = r.json()
    expect(json.pages.map((p) => new URL(p.url).pathname)).toEqual(['/pop', '/away'])
    expect(json.notes).toContain(
      'before-choice: http://www.plain.test/pop opened a pop-up (http://www.plain.test/b); closed it',
    )
    expect(json.notes).toContain('before-choice: http://www.plain.test/away navigated away to https://other.test/')
  })

  it('visits pages in a fixed order: start page, sitemap order, then links; other sites left out', async () => {
    const r = await scan('http://www.sitemap.test/', '--json')
    const json: ScanResult = r.json()
    expect(json.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/c', '/a', '/b'])
    const two = await scan('http://www.sitemap.test/', '--json', '--max-pages', '2')
    expect((two.json() as ScanResult).pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/c'])
  })
})

describe('Ctrl-C', () => {
  it('closes the browser and leaves no process behind', async () => {
    const child = spawn(
      process.execPath,
      [
        'packages/scan/bin.mjs',
        'http://www.plain.test/never',
        '--timeout',
        '60',
        ...server.browserArgs.map((a) => '--browser-arg=' + a),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    await new Promise<void>((ok) => child.stderr.on('data', () => stderr.includes('[before-choice 1/1]') && ok()))
    await new Promise((ok) => setTimeout(ok, 500))
    const descendants = (pid: number): number[] => {
      let kids: number[] = []
      try {
        kids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
          .split('\n')
          .map(Number)
          .filter(Boolean)
      } catch {} // ps exits 1 when there are none
      return kids.flatMap((k) => [k, ...descendants(k)])
    }
    const chromium = descendants(child.pid!)
    expect(chromium.length).toBeGreaterThan(0)
    child.kill('SIGINT')
    const code = await new Promise<number | null>((ok) => child.on('exit', (c) => ok(c)))
    expect(code).toBe(130)
    expect(stderr).toContain('samtykke scan: interrupted: the browser is closed.')
    // Each process the browser had is gone, or a zombie waiting to be reaped (`ps` state starting with Z: "Z", "Z<s",
    // or "ZN" for one running at a lowered priority). Polled: on a busy machine the last ones take a moment.
    const exited = (pid: number) => {
      try {
        process.kill(pid, 0)
      } catch {
        return true
      }
      try {
        return execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' })
          .trim()
          .startsWith('Z')
      } catch {
        return true // gone between the two looks
      }
    }
    await expect.poll(() => chromium.filter((pid) => !exited(pid)), { timeout: 10_000 }).toEqual([])
  })
})
