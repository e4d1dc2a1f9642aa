// `pnpm release` (scripts/release.mjs), used the way a site developer outside this repository would: the tarballs
// installed with plain npm into a fresh project in the system's temporary folder, the npm API imported from there
// (@samtykke/react rendered on a server with React from the registry),
// `npx samtykke mark` run there, and the marked page served with the zip's files, in Chromium.
import { execFile, type ExecFileOptions } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script, shared with scripts/release.mjs
import { readTarball } from '../scripts/tarball.mjs'
import { launchChromium, openSite, ORIGIN, ROOT } from './browser'

const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'packages/samtykke/package.json'), 'utf8')).version
const PACKAGES = {
  core: '@samtykke/core',
  ui: '@samtykke/ui',
  react: '@samtykke/react',
  samtykke: 'samtykke',
  mark: '@samtykke/mark',
  scan: '@samtykke/scan',
  server: '@samtykke/server',
}
const tarball = (dir: keyof typeof PACKAGES) => `${dir == 'samtykke' ? 'samtykke' : `samtykke-${dir}`}-${VERSION}.tgz`
const SLOW = 5 * 60_000

// npm as a site developer runs it: none of the settings pnpm passes to the scripts it runs (npm_config_*, INIT_CWD).
const plainEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|INIT_CWD$)/i.test(k)))

function run(command: string, args: string[], options: ExecFileOptions = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = execFile(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options }, (_, stdout, stderr) =>
      done({ code: child.exitCode, stdout: String(stdout), stderr: String(stderr) }),
    )
  })
}

let work: string // outside the repository
let release: string
let project: string
let browser: Browser

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'samtykke-release-test-'))
  release = join(work, 'release')
  // The build is the one the other browser tests use (pnpm test builds first); `pnpm release` alone builds afresh.
  const r = await run(process.execPath, [join(ROOT, 'scripts/release.mjs'), '--no-build', '--out', release], {
    cwd: ROOT,
  })
  expect(r.code, r.stderr).toBe(0)
  browser = await launchChromium()
}, SLOW)

afterAll(async () => {
  await browser?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('pnpm release', () => {
  it('writes one tarball per package, the zip and SHA256SUMS, which match', () => {
    const names = Object.keys(PACKAGES).map((dir) => tarball(dir as keyof typeof PACKAGES))
    expect(readdirSync(release).sort()).toEqual([...names, `samtykke-${VERSION}.zip`, 'SHA256SUMS'].sort())
    const sums = readFileSync(join(release, 'SHA256SUMS'), 'utf8').trim().split('\n')
    expect(sums).toHaveLength(names.length + 1)
    for (const line of sums) {
      const [hash, name] = line.split('  ')
      expect(
        createHash('sha256')
          .update(readFileSync(join(release, name)))
          .digest('hex'),
        name,
      ).toBe(hash)
    }
  })

  it('packs packages that name each other with caret ranges, each with its README and LICENSE', () => {
    for (const [dir, name] of Object.entries(PACKAGES)) {
      const files: Map<string, Buffer> = readTarball(join(release, tarball(dir as keyof typeof PACKAGES)))
      expect(files.has('README.md'), name).toBe(true)
      expect(files.get('LICENSE')?.toString(), name).toMatch(
        /^MIT License\n\nCopyright \(c\) 2026 samtykke contributors\n/,
      )
      const meta = JSON.parse(files.get('package.json')!.toString())
      expect(meta.name).toBe(name)
      for (const field of ['dependencies', 'peerDependencies', 'devDependencies'])
        for (const [dep, range] of Object.entries<string>(meta[field] ?? {}))
          if (dep.startsWith('@samtykke/') || dep == 'samtykke')
            expect(range, `${name} ${field}.${dep}`).toBe(`^${VERSION}`)
      // Nothing a site or a user does not need: the size check's bundle is not published.
      expect(
        [...files.keys()].filter((f) => f.startsWith('dist/size/')),
        name,
      ).toEqual([])
    }
  })

  it("zips exactly the drop-in's files a site serves, with a README and the licences", () => {
    const zip = unzipSync(readFileSync(join(release, `samtykke-${VERSION}.zip`)))
    const served = readdirSync(join(ROOT, 'packages/samtykke/dist')).filter((f) => f.endsWith('.js'))
    expect(Object.keys(zip).sort()).toEqual(['LICENSE', 'README.md', ...served.map((f) => `samtykke/${f}`)].sort())
    expect(served).toContain('samtykke.js')
    expect(served).toContain('samtykke-ui.nb.js')
    expect(served).toContain('samtykke-messages.js')
    const readme = Buffer.from(zip['README.md']).toString()
    expect(readme).toContain('<script src="/samtykke/samtykke.js"></script>')
    for (const f of served) expect(readme).toContain(f)
    const licence = Buffer.from(zip['LICENSE']).toString()
    for (const bundled of ['nanostores', 'js-cookie', 'preact'])
      expect(licence).toContain(`${bundled}, bundled in the files of samtykke/`)
  })

  it('names in the READMEs only files that it writes', () => {
    const readmes = ['README.md', ...Object.keys(PACKAGES).map((dir) => `packages/${dir}/README.md`)]
    const written = new Set(readdirSync(release))
    for (const readme of readmes) {
      const named = [...readFileSync(join(ROOT, readme), 'utf8').matchAll(/release\/([\w.-]+\.(?:tgz|zip))/g)].map(
        (m) => m[1],
      )
      for (const file of named) expect(written.has(file), `${readme} names release/${file}`).toBe(true)
    }
  })
})

describe('installed with plain npm, outside the repository', () => {
  beforeAll(async () => {
    project = join(work, 'site-project')
    mkdirSync(join(project, 'site'), { recursive: true })
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-site', private: true, type: 'module' }))
    // The third-party dependencies (js-cookie, nanostores, preact, acorn, parse5, and React for @samtykke/react's
    // peer) come from npm's cache or registry.
    const tarballs = (['core', 'ui', 'react', 'samtykke', 'mark'] as const).map((dir) => join(release, tarball(dir)))
    const r = await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs, 'react@^19.2.0', 'react-dom@^19.2.0'],
      {
        cwd: project,
        env: plainEnv(),
      },
    )
    expect(r.code, r.stderr).toBe(0)
  }, SLOW)

  it('imports the npm API in Node', async () => {
    const script = `
      import { createConsent } from '@samtykke/core'
      import { mountUI } from '@samtykke/ui'
      const consent = createConsent({ revision: 1 })
      const before = consent.has('analytics')
      consent.acceptAll()
      console.log(JSON.stringify({ before, after: consent.has('analytics'), ui: typeof mountUI }))`
    const r = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env: plainEnv() })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual({ before: false, after: true, ui: 'function' })
  })

  it('renders @samtykke/react on a server, as a Next.js layout would: the placeholder, or the embed for a visitor who allowed it', async () => {
    const script = `
      import { createElement as h } from 'react'
      import { renderToString } from 'react-dom/server'
      import { consentFromCookie, encodeRecord } from '@samtykke/core'
      import { Consent, ConsentProvider } from '@samtykke/react'
      const page = (initial) => renderToString(h(ConsentProvider, { initial },
        h(Consent, { category: 'marketing' }, h('iframe', { src: 'https://www.youtube-nocookie.com/embed/abc', title: 'Film' }))))
      const cookie = encodeRecord({ v: 1, id: 'a1b2c3d4e5f6a7b8c9d0e1f2', time: Date.now() - 864e5, revision: '1', how: 'custom', gpc: false,
        categories: { necessary: true, preferences: false, analytics: false, marketing: true } })
      console.log(JSON.stringify({ first: page(), back: page(consentFromCookie({}, cookie)) }))`
    const r = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env: plainEnv() })
    expect(r.stderr).toBe('')
    const { first, back } = JSON.parse(r.stdout)
    expect(first).toContain(
      '<div class="samtykke-placeholder" lang="nb"><p>Innholdet fra youtube-nocookie.com lastes bare hvis du godtar informasjonskapsler for «Markedsføring».</p>',
    )
    expect(first).not.toContain('<iframe')
    expect(back).toBe('<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Film"></iframe>')
  })

  it('runs `npx samtykke mark`, and the marked page, served with the zip, sends nothing to a tracker before a choice', async () => {
    const page = `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<title>Et nettsted</title>
<script type="application/json" id="samtykke-config">{ "revision": 1, "privacyPolicyUrl": "/personvern" }</script>
<script src="/js/samtykke/samtykke.js"></script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-TEST123');
</script>
</head>
<body><h1>Velkommen</h1><img src="https://www.facebook.com/tr?id=1&amp;ev=PageView" width="1" height="1" alt=""></body>
</html>
`
    writeFileSync(join(project, 'site/index.html'), page)
    const mark = await run('npx', ['samtykke', 'mark', 'site/'], { cwd: project, env: plainEnv() })
    expect(mark.code, mark.stderr).toBe(0)
    const marked = readFileSync(join(project, 'site/index.html'), 'utf8')
    expect(marked).toContain(
      '<script type="text/plain" data-category="analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123">',
    )
    expect(marked).toContain(
      '<img data-category="marketing" data-src="https://www.facebook.com/tr?id=1&amp;ev=PageView"',
    )

    // The site serves the zip's samtykke/ folder under /js/: nothing of this repository's build is reachable there.
    const zip = unzipSync(readFileSync(join(release, `samtykke-${VERSION}.zip`)))
    const files: Record<string, string> = { '/': marked }
    for (const [path, bytes] of Object.entries(zip))
      if (path.startsWith('samtykke/')) files[`/js/${path}`] = Buffer.from(bytes).toString()
    const site = await openSite(browser, { files })
    try {
      await site.page.goto(ORIGIN + '/')
      const accept = site.page.getByRole('button', { name: 'Godta alle', exact: true })
      await accept.waitFor()
      await site.page.waitForLoadState('networkidle')
      await site.page.waitForTimeout(300) // late scripts and beacons get their chance to leave
      expect(site.thirdParty).toEqual([])
      await accept.click()
      await site.page.waitForFunction(() => ((window as { __ran?: string[] }).__ran ?? []).includes('gtag'))
      expect(site.to('www.googletagmanager.com')).toHaveLength(1)
      await expect.poll(() => site.to('www.facebook.com').length).toBe(1)
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  }, 120_000)

  it('sets up a static site with `npx samtykke mark site/ --config samtykke.json --script /samtykke/samtykke.js`, and it sends nothing to a tracker before a choice', async () => {
    // Pages as the vendors' snippets are pasted, with no samtykke in them at all.
    const head = (title: string, extra = '') => `<!doctype html>
<html lang="nb">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
  <script>
    window.dataLayer = window.dataLayer || [];
    function gtag(){dataLayer.push(arguments);}
    gtag('js', new Date());
    gtag('config', 'G-TEST123');
  </script>${extra}
</head>
`
    const pages: Record<string, string> = {
      'index.html': head('Forside') + '<body><h1>Velkommen</h1><a href="/video/">Video</a></body>\n</html>\n',
      'video/index.html':
        head('Video', '\n  <link rel="preconnect" href="https://www.youtube.com">') +
        '<body><iframe width="560" height="315" src="https://www.youtube.com/embed/abc123" title="Video"></iframe>' +
        '<img src="https://www.facebook.com/tr?id=1&amp;ev=PageView" width="1" height="1" alt=""></body>\n</html>\n',
    }
    const config = {
      revision: 1,
      privacyPolicyUrl: '/personvern/',
      categories: { analytics: { label: 'Statistikk' }, marketing: { label: 'Markedsføring' } },
    }
    // A folder of its own in the project that installed the tarballs: npx finds the command in the project's
    // node_modules.
    const folder = join(project, 'static-site')
    for (const [path, html] of Object.entries(pages)) {
      mkdirSync(join(folder, 'site', path, '..'), { recursive: true })
      writeFileSync(join(folder, 'site', path), html)
    }
    writeFileSync(join(folder, 'samtykke.json'), JSON.stringify(config, null, 2))
    const npx = (args: string[]) => run('npx', ['samtykke', ...args], { cwd: folder, env: plainEnv() })
    const args = ['mark', 'site/', '--config', 'samtykke.json', '--script', '/samtykke/samtykke.js']
    const mark = await npx(args)
    expect(mark.code, mark.stderr).toBe(0)
    expect(mark.stderr).toContain(
      'marked   index.html: 2 tags (2 analytics); config block and samtykke.js added first in <head>',
    )
    expect(mark.stderr).toContain('marked   video/index.html: ')
    expect(mark.stderr).toContain('2 pages set up for /samtykke/samtykke.js')
    const marked = Object.fromEntries(Object.keys(pages).map((p) => [p, readFileSync(join(folder, 'site', p), 'utf8')]))
    for (const html of Object.values(marked))
      expect(html.indexOf('<script src="/samtykke/samtykke.js"></script>')).toBeLessThan(
        html.indexOf('googletagmanager'),
      )
    const again = await npx(args)
    expect(again.stderr).toContain('2 HTML files: 0 marked, 2 clean; 0 tags marked; 0 pages set up')
    for (const p of Object.keys(pages)) expect(readFileSync(join(folder, 'site', p), 'utf8')).toBe(marked[p])

    const zip = unzipSync(readFileSync(join(release, `samtykke-${VERSION}.zip`)))
    const files: Record<string, string> = { '/': marked['index.html'], '/video/': marked['video/index.html'] }
    for (const [path, bytes] of Object.entries(zip))
      if (path.startsWith('samtykke/')) files[`/${path}`] = Buffer.from(bytes).toString()
    const served = await openSite(browser, { files })
    try {
      for (const path of ['/', '/video/']) {
        await served.page.goto(ORIGIN + path)
        await served.page.getByRole('button', { name: 'Godta alle', exact: true }).waitFor()
        await served.page.waitForLoadState('networkidle')
        await served.page.waitForTimeout(300) // late scripts and beacons get their chance to leave
        expect(served.thirdParty, path).toEqual([])
      }
      await served.page.getByRole('button', { name: 'Godta alle', exact: true }).click()
      await expect.poll(() => served.to('www.youtube.com').length).toBeGreaterThan(0)
      await expect.poll(() => served.to('www.facebook.com').length).toBe(1)
      expect(served.errors).toEqual([])
    } finally {
      await served.close()
    }
  }, 120_000)
})
