// The scanner on real pages in Debian's Chromium: the INNFRAM example comes out clean; pages that leak in each way the
// blocker knows are caught and attributed, with and without vanilla-cookieconsent. Every host is answered locally.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveConfig } from '@samtykke/core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { run } from './cli'
import type { Leak, ScanResult } from './types'
import { runScan, startServer, type TestServer } from '../test/server'

const PAGES = ['snippet', 'injected', 'pixel', 'beacon', 'iframe', 'fetch'] as const

/** One page per way a tag leaks; `vanilla` = the scripts marked the way vanilla-cookieconsent wants. */
function leakySite(vanilla: boolean) {
  const mark = (category: string) => (vanilla ? ` type="text/plain" data-category="${category}"` : '')
  const head = vanilla
    ? `<script defer src="/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
<script type="module">CookieConsent.run({ \
categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, marketing: {} },
  language: { default: 'en', translations: { en: { \
consentModal: { title: 'Cookies', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all' }, \
preferencesModal: { sections: [] } } } } })</script>`
    : ''
  const nav = `<nav>${PAGES.map((p) => `<a href="/${p}">${p}</a>`).join(' ')}</nav>`
  const page = (title: string, body = '') =>
    `<!doctype html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>` +
    `\n${head}\n</head>\n<body>\n<h1>${title}</h1>\n${body}\n${nav}\n</body>\n</html>`
  return {
    files: {
      '/': page('Butikken'),
      '/snippet': page(
        'Snippet',
        `<script async${mark('analytics')} src="https://www.googletagmanager.com/gtag/js?id=G-LEAK"></script>`,
      ),
      '/injected': page(
        'Injected',
        `<script${mark('marketing')}>var s = document.createElement('script'); s.src = ` +
          `'https://connect.facebook.net/en_US/fbevents.js'; document.head.append(s)</script>`,
      ),
      '/pixel': page(
        'Pixel',
        `<img src="https://px.ads.linkedin.com/collect/?pid=1&fmt=gif" width="1" height="1" alt="">`,
      ),
      '/beacon': page(
        'Beacon',
        `<script${mark('marketing')}>navigator.sendBeacon('https://bat.bing.com/action/0?ti=1', 'x')</script>`,
      ),
      '/iframe': page('Video', `<iframe title="Video" src="https://www.youtube.com/embed/abc"></iframe>`),
      '/fetch': page(
        'Fetch',
        `<script${mark('marketing')}>fetch('https://analytics.tiktok.com/api/v2/pixel', { method: 'POST', mode: ` +
          `'no-cors', body: '{}' }); localStorage.setItem('_hjSessionUser_1', 'x')</script>`,
      ),
    },
  }
}

let server: TestServer
const scan = (...argv: string[]) =>
  runScan(run, [...argv, '--ignore-https-errors', '--quiet', ...server.browserArgs.map((a) => '--browser-arg=' + a)])
const find = (leaks: Leak[], page: string, what: RegExp) =>
  leaks.filter((l) => l.page.endsWith(page) && what.test(`${l.kind} ${l.name}`))

beforeAll(async () => {
  server = await startServer({
    'innfram.test': { root: 'examples/innfram' },
    'butikk.test': leakySite(false),
    'vanilla.test': leakySite(true),
    'cky.test': cookieYesSite(),
    'loggen-nede.test': logDownSite(),
    'indeks.test': indexSite(),
  })
})
afterAll(() => server?.close())

describe('samtykke scan on the INNFRAM example', () => {
  it('comes out clean, writes the report and a declaration that covers what it saw, and exits 0', async () => {
    const out = mkdtempSync(join(tmpdir(), 'samtykke-scan-'))
    const t = Date.now()
    const r = await scan(
      'http://www.innfram.test/',
      '--json',
      '--out',
      out,
      '--declaration',
      'examples/innfram/index.html',
    )
    const ms = Date.now() - t
    expect(r.stderr).toContain('✓ no leaks; declaration complete')
    expect(r.code).toBe(0)
    const json: ScanResult = r.json()
    expect(json.tool).toBe('samtykke')
    expect(json.phases).toEqual(['before-choice', 'after-reject', 'after-accept'])
    expect(json.leaks).toEqual([])
    // nothing but the consent cookie before any choice or after "reject all"
    for (const phase of ['before-choice', 'after-reject'])
      expect(
        json.cookies.filter((c) => c.phase == phase).every((c) => c.category == 'necessary'),
        phase,
      ).toBe(true)
    expect(json.requests.filter((q) => q.phase != 'after-accept')).toEqual([])
    // after "accept all" the tags run, and the scanner names them
    const accepted = json.requests.filter((q) => q.phase == 'after-accept')
    // gtag.js named by its id (G-INNFRAM01): Google Analytics, not Tag Manager
    expect(accepted.find((q) => q.host == 'www.googletagmanager.com')).toMatchObject({
      type: 'script',
      category: 'analytics',
      vendor: 'Google Analytics',
      url: 'https://www.googletagmanager.com/gtag/js?id=',
    })
    expect(accepted.find((q) => q.host == 'connect.facebook.net')).toMatchObject({
      category: 'marketing',
      vendor: 'Meta Pixel',
    })
    const ga = json.cookies.find((c) => c.phase == 'after-accept' && c.name == '_ga')!
    expect(ga).toMatchObject({
      category: 'analytics',
      vendor: 'Google Analytics',
      party: 'first',
      domain: '.innfram.test',
    })
    expect(ga.setBy).toMatch(/^https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-INNFRAM01:\d+$/)
    const samtykke = json.cookies.find((c) => c.phase == 'after-reject' && c.name == 'samtykke')!
    expect(samtykke).toMatchObject({ category: 'necessary', party: 'first', sameSite: 'Lax' })
    // --out: a self-contained report and the draft declaration
    const html = readFileSync(join(out, 'report.html'), 'utf8')
    expect(html).toContain('✓ No leaks')
    expect(html).toMatch(
      /<img alt="The start page as a first-time visitor sees it" src="data:image\/png;base64,[A-Za-z0-9+/]{1000,}/,
    )
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="http/)
    const draft = JSON.parse(readFileSync(join(out, 'declaration.json'), 'utf8'))
    expect(draft.categories.necessary.services[0].cookies.map((c: { name: string }) => c.name)).toEqual(['samtykke'])
    const analytics = draft.categories.analytics.services.find((s: { name: string }) => s.name == 'Google Analytics')
    expect(analytics.cookies.map((c: { name: string }) => c.name)).toContain('_ga')
    expect(draft.categories.analytics.services.map((s: { name: string }) => s.name)).toEqual(['Google Analytics'])
    expect(draft.categories.marketing.services.map((s: { name: string }) => s.name)).toContain('Meta Pixel')
    // exactly what samtykke's config reads: it resolves without a warning
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const resolved = resolveConfig(draft)
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
    expect(resolved.categories.analytics.services!.map((s) => s.name)).toContain('Google Analytics')
    console.log(
      `INNFRAM scan: ${ms} ms; findings per phase:`,
      json.phases
        .map((p) => `${p} ${[...json.cookies, ...json.storage, ...json.requests].filter((f) => f.phase == p).length}`)
        .join(', '),
    )
  })

  it('without --out, the command writes its report and the draft declaration to ./samtykke-scan', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'samtykke-cwd-'))
    const bin = join(process.cwd(), 'packages/scan/bin.mjs')
    const args = [
      bin,
      'http://www.innfram.test/',
      '--max-pages',
      '1',
      '--quiet',
      '--ignore-https-errors',
      ...server.browserArgs.map((a) => '--browser-arg=' + a),
    ]
    // Asynchronously: the test's own server, in this process, answers the scan.
    const r = await new Promise<{ status: number | null; stderr: string }>((done) => {
      const child = execFile(process.execPath, args, { cwd, encoding: 'utf8', timeout: 25_000 }, (_, __, stderr) =>
        done({ status: child.exitCode, stderr }),
      )
    })
    expect(r.stderr).toContain('✓ no leaks')
    expect(r.status).toBe(0)
    expect(readFileSync(join(cwd, 'samtykke-scan', 'report.html'), 'utf8')).toContain('✓ No leaks')
    expect(
      JSON.parse(readFileSync(join(cwd, 'samtykke-scan', 'declaration.json'), 'utf8')).categories.necessary,
    ).toBeTruthy()
  })

  it('--declaration exits 1 on a cookie or vendor the declaration does not list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samtykke-decl-'))
    const config = JSON.parse(
      /<script type="application\/json" id="samtykke-config">([\s\S]*?)<\/script>/.exec(
        readFileSync('examples/innfram/index.html', 'utf8'),
      )![1],
    )
    delete config.categories.marketing
    writeFileSync(join(dir, 'declaration.json'), JSON.stringify(config))
    const r = await scan(
      'http://www.innfram.test/',
      '--max-pages',
      '1',
      '--no-report',
      '--declaration',
      join(dir, 'declaration.json'),
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/✗ vendor Meta Pixel \[marketing\], seen after-accept/)
    expect(r.stderr).toMatch(/✗ cookie _fbp \[marketing\], seen after-accept/)
    expect(r.stderr).not.toMatch(/cookie _ga /)
    expect(r.stderr).toContain('✗ no leaks; 2 undeclared')
  })
})

describe('samtykke scan on leaky pages', () => {
  it('finds and attributes each way a tag leaks, and exits 1', async () => {
    const r = await scan('http://www.butikk.test/', '--json')
    expect(r.code).toBe(1)
    const json: ScanResult = r.json()
    expect(json.tool).toBeNull()
    expect(json.phases).toEqual(['before-choice'])
    expect(r.stderr).toContain('no consent tool recognised')
    expect(json.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', ...PAGES.map((p) => '/' + p)])
    const leaks = json.leaks
    const base = 'http://www.butikk.test'
    // a pasted snippet: the tag in the HTML, and the beacon its script then sends
    expect(
      find(leaks, '/snippet', /^request script https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=$/)[0].cause,
    ).toBe(`<script src> in ${base}/snippet line 10`)
    expect(
      find(leaks, '/snippet', /^request beacon https:\/\/region1\.google-analytics\.com\/g\/collect/)[0].cause,
    ).toMatch(/^https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-LEAK:\d+$/)
    // an injected script: the inline script that added it; then its cookie and pixel, each blamed on fbevents.js
    expect(find(leaks, '/injected', /^request script https:\/\/connect\.facebook\.net/)[0].cause).toBe(
      `inline script in ${base}/injected line 10`,
    )
    expect(find(leaks, '/injected', /^cookie _fbp$/)[0]).toMatchObject({
      category: 'marketing',
      vendor: 'Meta Pixel',
      cause: expect.stringMatching(/^https:\/\/connect\.facebook\.net\/en_US\/fbevents\.js:\d+$/),
    })
    expect(find(leaks, '/injected', /^request image https:\/\/www\.facebook\.com\/tr\/\?id=&ev=$/)[0].cause).toMatch(
      /fbevents\.js:\d+$/,
    )
    // a pixel, a beacon, an iframe, a fetch, a storage key
    expect(
      find(leaks, '/pixel', /^request image https:\/\/px\.ads\.linkedin\.com\/collect\/\?pid=&fmt=$/)[0],
    ).toMatchObject({ cause: `<img> in ${base}/pixel line 10`, vendor: 'LinkedIn Insight Tag' })
    expect(find(leaks, '/beacon', /^request beacon https:\/\/bat\.bing\.com\/action\/0\?ti=$/)[0].cause).toBe(
      `inline script in ${base}/beacon line 10`,
    )
    expect(find(leaks, '/iframe', /^request iframe https:\/\/www\.youtube\.com\/embed\/abc$/)[0]).toMatchObject({
      cause: `<iframe> in ${base}/iframe line 10`,
      vendor: 'YouTube',
    })
    expect(find(leaks, '/fetch', /^request fetch https:\/\/analytics\.tiktok\.com\/api\/v2\/pixel$/)[0].cause).toBe(
      `inline script in ${base}/fetch line 10`,
    )
    expect(find(leaks, '/fetch', /^storage localStorage: _hjSessionUser_1$/)[0]).toMatchObject({
      category: 'analytics',
      vendor: 'Hotjar',
      cause: `inline script in ${base}/fetch line 10`,
    })
    expect(r.stderr).toMatch(/LEAKS \(\d+\): set or sent before consent/)
    // each leak says how to fix it: the markup for a tag in the HTML, the tag behind a tracker's own script
    const fix = (page: string, what: RegExp) => find(leaks, page, what)[0].fix
    const gtagTag =
      `<script type="text/plain" data-category="analytics" ` +
      `src="https://www.googletagmanager.com/gtag/js?id=G-LEAK"></script>`
    expect(fix('/snippet', /^request script https:\/\/www\.googletagmanager\.com/)).toBe(
      `mark the <script> in ${base}/snippet line 10 (its other attributes stay): ${gtagTag}; \`samtykke mark\` ` +
        `does this in built HTML`,
    )
    expect(fix('/snippet', /^request beacon https:\/\/region1\.google-analytics\.com/)).toContain(
      `in ${base}/snippet line 10 (its other attributes stay): ${gtagTag}`,
    )
    expect(fix('/injected', /^cookie _fbp$/)).toMatch(
      /^mark the inline script in http:\/\/www\.butikk\.test\/injected line 10: <script type="text\/plain" data-category="marketing">/,
    )
    expect(fix('/pixel', /^request image/)).toContain(
      '<img data-category="marketing" data-src="https://px.ads.linkedin.com/collect/?pid=1&amp;fmt=gif">',
    )
    expect(fix('/iframe', /^request iframe/)).toContain(
      '<iframe data-category="marketing" data-src="https://www.youtube.com/embed/abc"></iframe>',
    )
    expect(leaks.every((l) => l.fix.length > 0)).toBe(true)
    expect(r.stderr).toContain(`      fix: mark the <script> in ${base}/snippet line 10`)
    // the same site scanned again gives the same findings, in the same order (a diffable report)
    const again: ScanResult = (await scan('http://www.butikk.test/', '--json')).json()
    const findings = (j: ScanResult) =>
      JSON.stringify([
        j.pages.map((p) => p.url),
        j.cookies.map((c) => ({ ...c, expires: 0 })),
        j.storage,
        j.requests,
        j.leaks,
      ])
    expect(findings(again)).toBe(findings(json))
  })

  it(
    'under vanilla-cookieconsent: the marked scripts wait, the pixel and the iframe still leak, before and after ' +
      '"reject all"',
    async () => {
      const r = await scan(
        'http://www.vanilla.test/',
        '--json',
        '--urls',
        writeUrls(['/', '/snippet', '/pixel', '/iframe']),
      )
      expect(r.code).toBe(1)
      const json: ScanResult = r.json()
      expect(json.tool).toBe('vanilla-cookieconsent')
      expect(json.phases).toEqual(['before-choice', 'after-reject', 'after-accept'])
      const what = (phase: string) =>
        json.leaks
          .filter((l) => l.phase == phase)
          .map((l) => `${l.kind} ${l.name} @ ${new URL(l.page).pathname}`)
          .sort()
      const unblocked = [
        'request iframe https://www.youtube.com/embed/abc @ /iframe',
        'request image https://px.ads.linkedin.com/collect/?pid=&fmt= @ /pixel',
      ]
      expect(what('before-choice')).toEqual(unblocked)
      expect(what('after-reject')).toEqual(unblocked)
      // after "accept all" vanilla runs the marked scripts: the scanner sees them (not leaks: the visitor said yes)
      const accepted = json.requests.filter((q) => q.phase == 'after-accept').map((q) => q.host)
      expect(accepted).toEqual(expect.arrayContaining(['www.googletagmanager.com', 'region1.google-analytics.com']))
      expect(json.cookies.find((c) => c.name == 'cc_cookie' && c.phase == 'after-reject')).toMatchObject({
        category: 'necessary',
      })
    },
  )
})

describe("samtykke's own cookies and keys", () => {
  it('are known and necessary: with the consent log down, --declaration still passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samtykke-decl-'))
    writeFileSync(join(dir, 'declaration.json'), JSON.stringify({ categories: { necessary: { services: [] } } }))
    const r = await scan(
      'http://www.loggen-nede.test/',
      '--json',
      '--no-report',
      '--no-sitemap',
      '--declaration',
      join(dir, 'declaration.json'),
    )
    const json: ScanResult = r.json()
    expect(json.tool).toBe('samtykke')
    // the receipt of "reject all" waits for the log: its marker cookie and its localStorage key
    const own = [...json.cookies, ...json.storage]
      .filter((f) => f.phase == 'after-reject')
      .map((f) => [f.name, f.category, f.vendor])
    expect(own).toEqual(
      expect.arrayContaining([
        ['samtykke_outbox', 'necessary', 'samtykke'],
        ['samtykke:outbox', 'necessary', 'samtykke'],
      ]),
    )
    expect(r.stderr).not.toContain('Unknown, not classified')
    expect(r.stderr).toContain('✓ no leaks; declaration complete')
    expect(r.code).toBe(0)
  })
})

describe('the pages a scan visits', () => {
  it('count / and /index.html as one page', async () => {
    const r = await scan('http://www.indeks.test/', '--json', '--no-sitemap')
    expect((r.json() as ScanResult).pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/om'])
    const fromIndex = await scan('http://www.indeks.test/index.html', '--json', '--no-sitemap')
    expect((fromIndex.json() as ScanResult).pages.map((p) => new URL(p.url).pathname)).toEqual(['/index.html', '/om'])
  })
})

/** A samtykke site whose consent log answers every receipt with 503: the receipts wait in the outbox. */
function logDownSite() {
  const config = { revision: 1, receiptUrl: '/status/503', categories: { necessary: { services: [] } } }
  return {
    files: {
      '/':
        `<!doctype html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n<title>Loggen er nede</title>` +
        `\n<script type="application/json" id="samtykke-config">${JSON.stringify(config)}</script>` +
        `\n<script src="/samtykke/samtykke.js"></script>\n</head>\n<body><h1>Hei</h1>` +
        `<a href="#" data-samtykke-open>Informasjonskapsler</a></body>\n</html>`,
    },
  }
}

/** A front page linked as / and as /index.html. */
function indexSite() {
  const page = (title: string) =>
    `<!doctype html>\n<html lang="nb"><head><meta charset="utf-8"><title>${title}</title></head>\n<body><h1>` +
    `${title}</h1><a href="/index.html">Forsiden</a> <a href="/">Hjem</a> <a href="/om">Om oss</a></body></html>`
  return { files: { '/': page('Forsiden'), '/om': page('Om oss') } }
}

describe('--accept and --reject', () => {
  it('click the consent tool’s own buttons, for tools the scanner does not drive itself', async () => {
    const r = await scan(
      'http://www.vanilla.test/',
      '--json',
      '--urls',
      writeUrls(['/', '/snippet']),
      '--accept',
      '.cm [data-role=all]',
      '--reject',
      '.cm [data-role=necessary]',
    )
    const json: ScanResult = r.json()
    expect(json.tool).toBe('selectors')
    expect(json.phases).toEqual(['before-choice', 'after-reject', 'after-accept'])
    expect(json.leaks).toEqual([])
    expect(json.requests.filter((q) => q.phase == 'after-accept').map((q) => q.host)).toContain(
      'www.googletagmanager.com',
    )
    expect(json.requests.filter((q) => q.phase == 'after-reject')).toEqual([])
    expect(json.cookies.filter((c) => c.phase == 'after-reject').map((c) => c.name)).toEqual(['cc_cookie'])
    expect(r.code).toBe(0)
  })

  it('name the selector that matched nothing', async () => {
    const r = await scan(
      'http://www.vanilla.test/',
      '--urls',
      writeUrls(['/']),
      '--accept',
      '#nope',
      '--reject',
      '#nope-either',
      '--timeout',
      '1',
    )
    expect(r.stderr).toContain(
      'samtykke scan: --reject "#nope-either" matched no visible element on http://www.vanilla.test/',
    )
    expect(r.code).toBe(2)
  })
})

/** A site with a CookieYes-style banner (a CMP samtykke does not drive itself) that forgets a pixel. */
function cookieYesSite() {
  const page = `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<title>CMP</title>
<script>
  var consent = (document.cookie.match(/cookieyes-consent=([^;]*)/) || [])[1] || ''
  function loadTags() {
    var s = document.createElement('script')
    s.src = 'https://www.googletagmanager.com/gtag/js?id=G-CKY'
    document.head.append(s)
  }
  if (consent.indexOf('advertisement:yes') >= 0) loadTags()
  function choose(yes) {
    document.cookie = 'cookieyes-consent=advertisement:' + (yes ? 'yes' : 'no') + ';path=/;max-age=31536000'
    document.querySelector('.cky-consent-container').remove()
    if (yes) loadTags()
  }
  addEventListener('DOMContentLoaded', function () {
    if (consent) return
    document.body.insertAdjacentHTML('beforeend',
      '<div class="cky-consent-container"><p>Vi bruker informasjonskapsler.</p>' +
      '<button data-cky-tag="reject-button" onclick="choose(false)">Avvis</button>' +
      '<button data-cky-tag="accept-button" onclick="choose(true)">Godta</button></div>')
  })
</script>
</head>
<body>
<h1>CMP</h1>
<img src="https://px.ads.linkedin.com/collect/?pid=9" width="1" height="1" alt="">
</body>
</html>`
  return { files: { '/': page } }
}

describe('other consent tools, through DuckDuckGo’s autoconsent rules', () => {
  it('finds the banner, clicks reject and accept, and shows what the tool does not block', async () => {
    const r = await scan('http://www.cky.test/', '--json', '--no-sitemap')
    const json: ScanResult = r.json()
    expect(json.tool).toMatch(/^autoconsent: cookieyes/)
    expect(json.phases).toEqual(['before-choice', 'after-reject', 'after-accept'])
    expect(json.notes).toEqual([])
    expect(json.cookies.filter((c) => c.phase == 'after-reject').map((c) => [c.name, c.category])).toEqual([
      ['cookieyes-consent', 'necessary'],
    ])
    expect(json.leaks.map((l) => `${l.phase} ${l.name}`)).toEqual([
      'before-choice image https://px.ads.linkedin.com/collect/?pid=',
      'after-reject image https://px.ads.linkedin.com/collect/?pid=',
    ])
    expect(json.requests.filter((q) => q.phase == 'after-accept').map((q) => q.host)).toContain(
      'www.googletagmanager.com',
    )
    expect(json.requests.filter((q) => q.phase == 'after-reject').map((q) => q.host)).not.toContain(
      'www.googletagmanager.com',
    )
    expect(r.code).toBe(1)
  })
})

function writeUrls(paths: string[]) {
  const file = join(mkdtempSync(join(tmpdir(), 'samtykke-urls-')), 'urls.txt')
  writeFileSync(file, '# pages\n' + paths.map((p) => 'http://www.vanilla.test' + p).join('\n') + '\n')
  return file
}
