// `samtykke mark` as a site developer runs it: the built command (packages/samtykke/bin/samtykke.mjs → dist/cli.js)
// on temporary folders. In the browser project because it needs the build.
import { afterAll, describe, expect, it } from 'vitest'
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { markHtml } from './transform'
import { corpus, everyTagPage, largePage } from '../test/corpus'

const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'packages/samtykke/bin/samtykke.mjs')
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

const run = (args: string[], options: SpawnSyncOptions = {}) => {
  const r = spawnSync(process.execPath, [BIN, 'mark', ...args], { cwd: ROOT, encoding: 'utf8', ...options })
  return { code: r.status, out: String(r.stdout), err: String(r.stderr) }
}

/** A temporary site folder with these files (path → content). */
function site(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-mark-'))
  dirs.push(dir)
  chmodSync(dir, 0o755)
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true })
    writeFileSync(join(dir, p), c)
  }
  return dir
}

const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8')
const PIXEL = '<img src="https://www.facebook.com/tr?id=1">'
const MARKED_PIXEL = '<img data-category="marketing" data-src="https://www.facebook.com/tr?id=1">'
/** Every file under dir, relative. */
const tree = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort()

describe('samtykke mark <dir>', () => {
  const page = everyTagPage('<script src="/samtykke/samtykke.js"></script>')
  const marked = markHtml(page).html
  const innfram = corpus()['innfram/index.html']

  it('marks every .html file in place, reports each one, and changes nothing the second time', () => {
    const dir = site({
      'index.html': page,
      'blog/post.htm': page,
      'om/index.html': innfram,
      'app.js': 'fetch("https://www.google-analytics.com/g/collect")',
    })
    let r = run([dir])
    expect(r.err).toContain('marked   index.html: 18 tags (6 analytics, 12 marketing)')
    expect(r.err).toContain('marked   blog/post.htm: 18 tags')
    expect(r.err).toContain('clean    om/index.html')
    expect(r.err).toContain('3 HTML files: 2 marked, 1 clean; 36 tags marked')
    expect(r.code).toBe(0)
    expect(read(dir, 'index.html')).toBe(marked)
    expect(read(dir, 'blog/post.htm')).toBe(marked)
    expect(read(dir, 'om/index.html')).toBe(innfram)
    expect(read(dir, 'app.js')).toContain('google-analytics')
    expect(tree(dir)).toEqual(['app.js', 'blog/post.htm', 'index.html', 'om/index.html'])
    r = run([dir, '--check'])
    expect(r.code).toBe(0)
    expect(r.err).toContain('3 HTML files: 0 with unmarked tags, 3 clean; 0 tags to mark')
  })

  it('--check writes nothing and fails; --json puts the report on stdout', () => {
    const dir = site({ 'index.html': page })
    const before = statSync(join(dir, 'index.html')).mtimeMs
    const r = run([dir, '--check', '--json'])
    expect(r.code).toBe(1)
    expect(read(dir, 'index.html')).toBe(page)
    expect(statSync(join(dir, 'index.html')).mtimeMs).toBe(before)
    expect(r.err).toMatch(
      /index\.html:\d+:\d+ script https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-EVERY1 → analytics/,
    )
    expect(r.err).toContain('Run without --check to mark them.')
    const json = JSON.parse(r.out)
    expect(json.files).toHaveLength(1)
    expect(json.files[0]).toMatchObject({ file: 'index.html', status: 'marked' })
    expect(json.tags).toBe(18)
  })

  it('--out writes the whole site to another folder, pages marked, and leaves the originals', () => {
    const dir = site({
      'index.html': page,
      'a/b.html': innfram,
      'a/style.css': 'p{}',
      '.well-known/security.txt': 'Contact: x',
    })
    const out = join(dir, 'dist-marked')
    const r = run([dir, '--out', out])
    expect(r.code).toBe(0)
    expect(r.err).toContain(`2 other files copied to ${out}`)
    expect(read(dir, 'index.html')).toBe(page)
    expect(read(out, 'index.html')).toBe(marked)
    expect(read(out, 'a/b.html')).toBe(innfram)
    expect(tree(out)).toEqual(['.well-known/security.txt', 'a/b.html', 'a/style.css', 'index.html'])
    // A second run does not mark its own output folder inside the site.
    expect(run([dir, '--out', out]).err).toContain('2 HTML files')
  })

  it('keeps every byte of a Windows-1252 page and of a page with a byte order mark', () => {
    const latin1 = Buffer.from(
      '<!doctype html><meta charset="windows-1252"><title>\xe6\xf8\xe5 \x80</title>' +
        '<img src="https://www.facebook.com/tr?id=1">\r\n<p>bl\xe5b\xe6r</p>',
      'latin1',
    )
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        '<!doctype html><title>æøå</title>\r\n' + '<script src="https://bat.bing.com/bat.js"></script>',
        'utf8',
      ),
    ])
    const dir = site({ 'latin1.html': latin1, 'bom.html': bom })
    expect(run([dir]).code).toBe(0)
    const img = latin1.indexOf('<img src=')
    expect(readFileSync(join(dir, 'latin1.html'))).toEqual(
      Buffer.concat([
        latin1.subarray(0, img),
        Buffer.from('<img data-category="marketing" data-src'),
        latin1.subarray(img + '<img src'.length),
      ]),
    )
    const b = readFileSync(join(dir, 'bom.html'))
    expect(b.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(b.toString('utf8')).toBe(
      '\uFEFF<!doctype html><title>æøå</title>\r\n<script type="text/plain" data-category="marketing" ' +
        'src="https://bat.bing.com/bat.js"></script>',
    )
  })

  it('says what it did with symlinks, non-HTML files named .html, unreadable files and trackers it cannot mark', () => {
    const dir = site({
      'real.html': page,
      'binary.html': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      'utf16.html': Buffer.from('\ufeff<p>hei</p>', 'utf16le'),
      'secret.html': page,
      'mixed.html': '<script>\ninit();\nfbq("track", "Purchase")\n</script>',
    })
    symlinkSync(join(dir, 'real.html'), join(dir, 'link.html'))
    chmodSync(join(dir, 'secret.html'), 0o000)
    chmodSync(dir, 0o777)
    // Root reads every file: run it then without the capabilities that let it (util-linux's setpriv), so that
    // secret.html is unreadable. (Not as another user: the checkout may sit in a folder only root may enter.)
    const r =
      process.getuid?.() === 0
        ? (({ status, stdout, stderr }) => ({ code: status, out: String(stdout), err: String(stderr) }))(
            spawnSync(
              'setpriv',
              ['--inh-caps=-all', '--bounding-set=-dac_override,-dac_read_search', process.execPath, BIN, 'mark', dir],
              { cwd: ROOT, encoding: 'utf8' },
            ),
          )
        : run([dir])
    expect(r.err).toContain('skipped  binary.html: binary content (NUL bytes), not an HTML page')
    expect(r.err).toContain('skipped  link.html: a symbolic link: not followed')
    expect(r.err).toContain('skipped  utf16.html: UTF-16 (byte order mark)')
    expect(r.err).toContain('error    secret.html: cannot read it (EACCES): check its permissions')
    expect(r.err).toMatch(
      /clean    mixed\.html\n  mixed\.html:3:1 warning: inline <script> loads Meta pixel snippet, but the same <script> also does other work/,
    )
    expect(r.err).toContain('marked   real.html: 18 tags')
    expect(r.code).toBe(2)
    chmodSync(join(dir, 'secret.html'), 0o644)
    rmSync(join(dir, 'secret.html'))
    // Without the unreadable file: the warning is a finding.
    expect(run([dir]).code).toBe(1)
    expect(read(dir, 'mixed.html')).toBe('<script>\ninit();\nfbq("track", "Purchase")\n</script>')
  })

  it('a write that fails leaves the old file and no temporary file', () => {
    const dir = site({ 'index.html': page, 'b.html': page })
    const out = join(dir, 'out')
    // The place for out/index.html is taken by a folder: the rename fails.
    mkdirSync(join(out, 'index.html'), { recursive: true })
    const r = run([dir, '--out', out])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/error    index\.html: cannot write .*out\/index\.html \(EISDIR\): nothing was written/)
    expect(read(out, 'b.html')).toBe(marked)
    expect(tree(dir)).toEqual(['b.html', 'index.html', 'out/b.html'])
    expect(read(dir, 'index.html')).toBe(page)
  })

  it('Ctrl-C stops between files: each file is marked whole or not at all, and no temporary file is left', async () => {
    const big = largePage(400 * 1024)
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`p${String(i).padStart(2, '0')}.html`, big]))
    const dir = site(files)
    const child = spawn(process.execPath, [BIN, 'mark', dir], { cwd: ROOT })
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    // Interrupt once the first pages are written.
    await new Promise<void>((ok) => {
      const t = setInterval(
        () => readdirSync(dir).length && readFileSync(join(dir, 'p00.html'), 'utf8') != big && (clearInterval(t), ok()),
        20,
      )
    })
    child.kill('SIGINT')
    const code = await new Promise((ok) => child.on('exit', ok))
    expect(code).toBe(130)
    expect(err).toContain('Stopped (Ctrl-C)')
    const marked = markHtml(big).html
    const states = Object.keys(files)
      .map((f) => read(dir, f))
      .map((c) => (c == big ? 'original' : c == marked ? 'marked' : 'broken'))
    expect(states).not.toContain('broken')
    expect(states).toContain('original')
    expect(tree(dir)).toEqual(Object.keys(files))
  })

  it("SIGTERM stops it between files too; the clone's samtykke command exits 143 (128 + SIGTERM)", async () => {
    const big = largePage(400 * 1024)
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`p${String(i).padStart(2, '0')}.html`, big]))
    const dir = site(files)
    // scripts/samtykke.mjs: the workspace's `samtykke` script, run from the folder pnpm names in INIT_CWD.
    const child = spawn(process.execPath, [join(ROOT, 'scripts/samtykke.mjs'), 'mark', dir], {
      cwd: ROOT,
      env: { ...process.env, INIT_CWD: tmpdir() },
    })
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)))
    // Stop it once the first page is written.
    await expect
      .poll(() => readFileSync(join(dir, 'p00.html'), 'utf8') != big, { timeout: 60_000, interval: 20 })
      .toBe(true)
    child.kill('SIGTERM')
    expect(await exited).toBe(143)
    expect(err).toContain('Stopped (SIGTERM): the files above were done; no file was left half-written.')
    const marked = markHtml(big).html
    const states = Object.keys(files)
      .map((f) => read(dir, f))
      .map((c) => (c == big ? 'original' : c == marked ? 'marked' : 'broken'))
    expect(states).not.toContain('broken')
    expect(states).toContain('original')
    expect(tree(dir)).toEqual(Object.keys(files))
  }, 90_000)

  it('pages nested 10,000 and 100,000 deep are marked like any other', () => {
    const deep = (tag: string, n: number) => `<${tag}>`.repeat(n) + PIXEL + `</${tag}>`.repeat(n)
    const dir = site({ 'a.html': page, 'deep.html': deep('span', 10_000), 'deeper.html': deep('div', 100_000) })
    const r = run([dir])
    expect(r.err).toContain('marked   deeper.html: 1 tag (1 marketing)')
    expect(r.err).toContain('3 HTML files: 3 marked, 0 clean; 20 tags marked')
    expect(r.code).toBe(0)
    expect(read(dir, 'deeper.html')).toBe(deep('div', 100_000).replace(PIXEL, MARKED_PIXEL))
  }, 60_000)

  it('a page that cannot be marked is reported precisely, the others are marked, and the run exits 2', () => {
    const dir = site({
      'a.html': page,
      'huge.html': `<!doctype html><title>Stor</title>${PIXEL}<p>${'x'.repeat(9000)}</p>`,
      'z.html': page,
    })
    // Larger than the longest string Node can hold (about 512 MiB): sparse, so it costs no disk until it is read.
    truncateSync(join(dir, 'huge.html'), 513 * 2 ** 20)
    const r = run([dir, '--max-size', '600'])
    expect(r.err).toContain('marked   a.html: 18 tags')
    expect(r.err).toMatch(
      /\nerror    huge\.html: cannot be marked \(Cannot create a string longer than 0x[0-9a-f]+ characters\): left as it is\n/,
    )
    expect(r.err).toContain('marked   z.html: 18 tags')
    expect(r.err).toContain('3 HTML files: 2 marked, 0 clean, 1 error; 36 tags marked')
    expect(r.code).toBe(2)
    expect(read(dir, 'z.html')).toBe(marked)
  }, 60_000)

  it('a page over --max-size (default 32 MiB) is reported with its size and the limit, and exits 2', () => {
    const big = `<p>${'x'.repeat(1.5 * 2 ** 20)}</p>${PIXEL}`
    const dir = site({ 'a.html': page, 'big.html': big })
    let r = run([dir, '--max-size', '1'])
    expect(r.err).toContain(
      'error    big.html: 1.5 MiB, over the limit of 1 MiB per file: not read, so nothing in it is marked or ' +
        'checked. Raise the limit with --max-size 2 (MiB)',
    )
    expect(r.err).toContain('marked   a.html: 18 tags')
    expect(r.code).toBe(2)
    expect(read(dir, 'big.html')).toBe(big)
    r = run([dir, '--max-size', '2', '--check'])
    expect(r.err).toContain('unmarked big.html: 1 tag (1 marketing)')
    expect(r.code).toBe(1)
    truncateSync(join(dir, 'big.html'), 40 * 2 ** 20)
    expect(run([dir, '--check']).err).toContain('error    big.html: 40 MiB, over the limit of 32 MiB per file')
    for (const bad of ['0', '-1', 'lots', ''])
      expect(run([dir, `--max-size=${bad}`])).toMatchObject({
        code: 2,
        err: `samtykke mark: --max-size must be a size in MiB above 0, such as 64 (got ${JSON.stringify(bad)})\n`,
      })
  })

  it('--out names every link it leaves out, and the summary counts them', () => {
    const dir = site({ 'index.html': page, 'shared/app.js': 'x', 'shared/om.html': innfram })
    symlinkSync(join(dir, 'shared'), join(dir, 'assets'))
    symlinkSync(join(dir, 'shared/app.js'), join(dir, 'app.js'))
    const out = join(dir, 'out')
    const r = run([dir, '--out', out])
    expect(r.err).toContain(`skipped  app.js: a symbolic link: not followed, so not copied to ${out}`)
    expect(r.err).toContain(
      `skipped  assets: a symbolic link to a folder: not followed, so the pages in it are not marked and ` +
        `nothing in it is copied to ${out}`,
    )
    expect(r.err).toContain(
      `2 HTML files: 1 marked, 1 clean; 18 tags marked; 1 other file copied to ${out}; 2 links or other entries ` +
        `left out (see above)`,
    )
    expect(r.code).toBe(0)
    expect(tree(out)).toEqual(['index.html', 'shared/app.js', 'shared/om.html'])
  })

  it('--check fails on a tag that has a data-category but loads before any choice, and says why', () => {
    const dir = site({
      'index.html':
        '<!doctype html>\n<img data-category="marketing" src="https://www.facebook.com/tr?id=1">' +
        '\n<video poster="https://www.facebook.com/tr?id=2"></video>',
    })
    const r = run([dir, '--check'])
    expect(r.err).toContain(
      '  index.html:2:1 img https://www.facebook.com/tr?id=1 → marketing (it had data-category but a live src, ' +
        'so the browser fetched it before any choice)',
    )
    expect(r.err).toContain(
      '  index.html:3:1 warning: <video poster> loads https://www.facebook.com/tr?id=2 (marketing) before any ' +
        "choice, and samtykke's runtime cannot hold back or release a poster attribute",
    )
    expect(r.code).toBe(1)
  })

  it('--help, and clear errors for bad arguments', () => {
    expect(run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Usage: samtykke mark <dir|file>') })
    expect(run([]).err).toContain('give one folder (or file) to mark')
    expect(run([]).code).toBe(2)
    expect(run(['/nonexistent/site'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('cannot read /nonexistent/site: ENOENT'),
    })
    expect(run(['.', '--bogus'])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--bogus'") })
  })

  describe('--config FILE --script URL: sets each page up for the drop-in', () => {
    const config = { revision: 1, privacyPolicyUrl: '/personvern', categories: { analytics: { label: 'Statistikk' } } }
    const GA4 = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-SETUP1"></script>'
    const page = (head = '') =>
      `<!doctype html>\n<html lang="nb">\n<head>\n  <meta charset="utf-8">\n  <title>Side</title>` +
      `\n${head}</head>\n<body>${PIXEL}</body>\n</html>\n`

    it(
      'writes the config block and the script tag first in every <head>, marks the tags, reports each page, and ' +
        'changes nothing the second time',
      () => {
        const dir = site({
          'samtykke.json': JSON.stringify(config),
          'site/index.html': page(`  ${GA4}\n`),
          'site/om/index.html': page(),
          'site/kontakt.html': page(),
        })
        const args = ['site/', '--config', 'samtykke.json', '--script', '/samtykke/samtykke.js']
        let r = run(args, { cwd: dir })
        expect(r.err).toContain(
          'marked   index.html: 2 tags (1 analytics, 1 marketing); config block and samtykke.js added first in <head>',
        )
        expect(r.err).toContain(
          'marked   om/index.html: 1 tag (1 marketing); config block and samtykke.js added first in <head>',
        )
        expect(r.err).toContain(
          '3 HTML files: 3 marked, 0 clean; 4 tags marked; 3 pages set up for /samtykke/samtykke.js',
        )
        expect(r.code).toBe(0)
        const index = read(dir, 'site/index.html')
        const block = index.indexOf('<script type="application/json" id="samtykke-config">')
        expect(block).toBeGreaterThan(index.indexOf('<meta charset="utf-8">'))
        expect(index.indexOf('<script src="/samtykke/samtykke.js"></script>')).toBeGreaterThan(block)
        expect(
          index.indexOf(
            '<script type="text/plain" data-category="analytics" async ' +
              'src="https://www.googletagmanager.com/gtag/js?id=G-SETUP1">',
          ),
        ).toBeGreaterThan(index.indexOf('samtykke.js'))
        expect(JSON.parse(/id="samtykke-config">([\s\S]*?)<\/script>/.exec(index)![1])).toEqual(config)
        const first = { index, om: read(dir, 'site/om/index.html'), kontakt: read(dir, 'site/kontakt.html') }

        r = run(args, { cwd: dir })
        expect(r.err).toContain('3 HTML files: 0 marked, 3 clean; 0 tags marked; 0 pages set up')
        expect({
          index: read(dir, 'site/index.html'),
          om: read(dir, 'site/om/index.html'),
          kontakt: read(dir, 'site/kontakt.html'),
        }).toEqual(first)

        // A new config: the block is updated in place, the rest of the page is kept.
        writeFileSync(join(dir, 'samtykke.json'), JSON.stringify({ ...config, revision: 2 }))
        expect(run([...args, '--check'], { cwd: dir })).toMatchObject({
          code: 1,
          err: expect.stringContaining('not set  kontakt.html: to do: config block updated'),
        })
        r = run(args, { cwd: dir })
        expect(r.err).toContain('set up   kontakt.html: config block updated')
        expect(read(dir, 'site/kontakt.html').replace(/"revision": 2/, '"revision": 1')).toBe(first.kontakt)
      },
    )

    it('a missing or bad config file is named with the field that is wrong, exits 2, and no page is touched', () => {
      const dir = site({
        'bad.json': '{ "revision": 1, "cookie": { "days": 0 } }',
        'broken.json': '{ "revision": 1, }',
        'list.json': '[]',
        'site/index.html': page(GA4),
      })
      const args = (file: string) => ['site', '--config', file, '--script', '/samtykke/samtykke.js']
      expect(run(args('nope.json'), { cwd: dir })).toMatchObject({
        code: 2,
        err: expect.stringContaining(
          "samtykke mark: --config nope.json: no such file (ENOENT): give the path of the site's samtykke " +
            'config (JSON)',
        ),
      })
      expect(run(args('bad.json'), { cwd: dir })).toMatchObject({
        code: 2,
        err: 'samtykke mark: --config bad.json: config.cookie.days must be a number of days from 1 to 395 (got 0)\n',
      })
      expect(run(args('broken.json'), { cwd: dir })).toMatchObject({
        code: 2,
        err: expect.stringMatching(/^samtykke mark: --config broken\.json is not valid JSON \(.+\)\n$/),
      })
      expect(run(args('list.json'), { cwd: dir })).toMatchObject({
        code: 2,
        err: 'samtykke mark: --config list.json: config must be an object (got [])\n',
      })
      expect(run(['site', '--script', '/samtykke/samtykke.js'], { cwd: dir })).toMatchObject({
        code: 2,
        err: expect.stringContaining('--script needs --config FILE'),
      })
      expect(run(['site', '--config', 'bad.json', '--script', ' '], { cwd: dir })).toMatchObject({
        code: 2,
        err: expect.stringContaining(
          '--script must be the URL of samtykke.js, such as /samtykke/samtykke.js (got " ")',
        ),
      })
      expect(read(dir, 'site/index.html')).toBe(page(GA4))
    })
  })
})
