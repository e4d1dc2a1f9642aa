// `samtykke mark` through its run(argv, io) seam: the arguments, the messages and the exit codes, on real temporary
// folders, without a child process. (cli.browser.test.ts runs the built command as a site developer does.)
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HELP, run } from './cli'

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const PIXEL = '<img src="https://www.facebook.com/tr?id=1">'
const MARKED_PIXEL = '<img data-category="marketing" data-src="https://www.facebook.com/tr?id=1">'

/** A temporary folder with these files (name → content). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-mark-cli-'))
  dirs.push(dir)
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

/** Runs the command with its output captured, as a terminal would not show it (no progress display). */
async function mark(argv: string[], signal?: AbortSignal) {
  let out = ''
  let err = ''
  const code = await run(argv, { stdout: (text) => (out += text), stderr: (text) => (err += text) }, signal)
  return { code, out, err }
}

describe('samtykke mark: arguments and exit codes', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    expect(await mark(['--help'])).toEqual({ code: 0, out: HELP, err: '' })
    expect(await mark(['-h', 'site'])).toEqual({ code: 0, out: HELP, err: '' })
  })

  it('no folder, or two, is an error that says so, with the usage, and exits 2', async () => {
    expect(await mark([])).toEqual({
      code: 2,
      out: '',
      err: `samtykke mark: give one folder (or file) to mark.\n\n${HELP}\n`,
    })
    expect(await mark(['a', 'b'])).toEqual({
      code: 2,
      out: '',
      err: `samtykke mark: give one folder (or file) to mark, not 2.\n\n${HELP}\n`,
    })
  })

  it('an unknown option is named, and exits 2', async () => {
    const r = await mark(['.', '--bogus'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^samtykke mark: Unknown option '--bogus'/)
    expect(r.err).toContain(HELP)
  })

  it(
    'options that do not go together, or bad values, are named with ' + 'the value and exit 2, touching nothing',
    async () => {
      const dir = folder({ 'index.html': PIXEL })
      const cases: [string[], string][] = [
        [
          ['--check', '--out', join(dir, 'out')],
          '--check writes nothing, so --out has no use with it: drop one of them.',
        ],
        [['--max-size', '0'], '--max-size must be a size in MiB above 0, such as 64 (got "0")'],
        [['--max-size=lots'], '--max-size must be a size in MiB above 0, such as 64 (got "lots")'],
        [
          ['--script', '/samtykke/samtykke.js'],
          '--script needs --config FILE: the config block it writes into each page comes from that file.',
        ],
      ]
      for (const [options, message] of cases)
        expect(await mark([dir, ...options])).toEqual({ code: 2, out: '', err: `samtykke mark: ${message}\n` })
      expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(PIXEL)
    },
  )

  it(
    'a --config file that is missing, not JSON or not a valid config ' + 'is named with what is wrong, and exits 2',
    async () => {
      const dir = folder({
        'index.html': PIXEL,
        'bad.json': '{ "revision": 1, "cookie": { "days": 0 } }',
        'broken.json': '{ "revision": 1, }',
      })
      const missing = join(dir, 'nope.json')
      expect(await mark([dir, '--config', missing])).toEqual({
        code: 2,
        out: '',
        err:
          `samtykke mark: --config ${missing}: no such file (ENOENT): give the path of the site's samtykke config ` +
          `(JSON)\n`,
      })
      expect(await mark([dir, '--config', dir])).toMatchObject({
        code: 2,
        err:
          `samtykke mark: --config ${dir}: a folder, not a file (EISDIR): give the path of the site's samtykke ` +
          `config (JSON)\n`,
      })
      const bad = join(dir, 'bad.json')
      expect(await mark([dir, '--config', bad])).toEqual({
        code: 2,
        out: '',
        err: `samtykke mark: --config ${bad}: config.cookie.days must be a number of days from 1 to 395 (got 0)\n`,
      })
      expect((await mark([dir, '--config', join(dir, 'broken.json')])).err).toMatch(
        /^samtykke mark: --config .*broken\.json is not valid JSON \(.+\)\n$/,
      )
      expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(PIXEL)
    },
  )

  it('a folder that does not exist is an error that names it, and exits 2', async () => {
    const r = await mark(['/nonexistent/site'])
    expect(r).toMatchObject({ code: 2, out: '' })
    expect(r.err).toMatch(/^samtykke mark: cannot read \/nonexistent\/site: ENOENT/)
  })

  it(
    'exits 0 when it marked everything, 1 when --check finds a tag ' + 'to mark, with the report as JSON on stdout',
    async () => {
      const dir = folder({ 'index.html': PIXEL, 'om.html': '<p>Om oss</p>' })
      const check = await mark([dir, '--check', '--json'])
      expect(check.code).toBe(1)
      expect(check.err).toContain('unmarked index.html: 1 tag (1 marketing)')
      expect(JSON.parse(check.out)).toMatchObject({
        check: true,
        tags: 1,
        warnings: 0,
        errors: 0,
        files: [
          { file: 'index.html', status: 'marked' },
          { file: 'om.html', status: 'clean' },
        ],
      })
      expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(PIXEL)

      const marked = await mark([dir])
      expect(marked).toMatchObject({ code: 0, out: '' })
      expect(marked.err).toContain('2 HTML files: 1 marked, 1 clean; 1 tag marked')
      expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(MARKED_PIXEL)
      expect((await mark([dir, '--check'])).code).toBe(0)
    },
  )

  it('exits 1 when a tracker is left as it is, with a warning that says where', async () => {
    const dir = folder({ 'index.html': '<video poster="https://www.facebook.com/tr?id=2"></video>' })
    const r = await mark([dir])
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      '  index.html:1:1 warning: <video poster> loads https://www.facebook.com/tr?id=2 (marketing) before any choice',
    )
  })

  it('stopped (Ctrl-C) before the first file: nothing is written, it says so, and exits 130', async () => {
    const dir = folder({ 'index.html': PIXEL })
    const stop = new AbortController()
    stop.abort()
    const r = await mark([dir], stop.signal)
    expect(r.code).toBe(130)
    expect(r.err).toContain('Stopped (Ctrl-C): the files above were done; no file was left half-written.')
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(PIXEL)
  })
})
