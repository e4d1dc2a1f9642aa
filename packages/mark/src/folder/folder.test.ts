// markFolder on temporary site folders: one odd file never stops the run, and nothing is left out unsaid.
import { afterAll, describe, expect, it } from 'vitest'
import {
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
import { join } from 'node:path'
import { markFolder, MAX_BYTES } from '.'
import { MarkError } from '..'
import { markHtml } from '../transform'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A temporary site folder with these files (path → content). */
function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-folder-'))
  dirs.push(dir)
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true })
    writeFileSync(join(dir, p), c)
  }
  return dir
}

const PIXEL = '<img src="https://www.facebook.com/tr?id=1">'
const MARKED = '<img data-category="marketing" data-src="https://www.facebook.com/tr?id=1">'
const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8')
/** Every entry under dir, relative, folders with a trailing slash. */
const tree = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1) + (e.isDirectory() ? '/' : ''))
    .sort()

describe('markFolder', () => {
  it('marks pages nested 10,000 and 100,000 deep, and every other page', async () => {
    const deep = (tag: string, n: number) => `<${tag}>`.repeat(n) + PIXEL + `</${tag}>`.repeat(n)
    const dir = site({
      'a.html': PIXEL,
      'deep.html': deep('span', 10_000),
      'deeper.html': deep('div', 100_000),
      'z.html': PIXEL,
    })
    const { files } = await markFolder(dir)
    expect(files.map((f) => [f.file, f.status])).toEqual([
      ['a.html', 'marked'],
      ['deep.html', 'marked'],
      ['deeper.html', 'marked'],
      ['z.html', 'marked'],
    ])
    expect(read(dir, 'deeper.html')).toBe(deep('div', 100_000).replace(PIXEL, MARKED))
    expect(read(dir, 'z.html')).toBe(MARKED)
  }, 60_000)

  it(
    'a page over the size limit is not read: reported with its size ' + 'and the limit, and the others are marked',
    async () => {
      const big = `<p>${'x'.repeat(1.5 * 2 ** 20)}</p>${PIXEL}`
      const dir = site({ 'a.html': PIXEL, 'big.html': big, 'z.html': PIXEL })
      let { files } = await markFolder(dir, { maxBytes: 2 ** 20 })
      expect(files.map((f) => [f.file, f.status, f.reason])).toEqual([
        ['a.html', 'marked', undefined],
        [
          'big.html',
          'error',
          '1.5 MiB, over the limit of 1 MiB per file: not read, so nothing in it is marked or checked. Raise the ' +
            'limit with --max-size 2 (MiB)',
        ],
        ['z.html', 'marked', undefined],
      ])
      expect(read(dir, 'big.html')).toBe(big)
      ;({ files } = await markFolder(dir, { maxBytes: 2 * 2 ** 20 }))
      expect(files.find((f) => f.file == 'big.html')!.status).toBe('marked')
    },
  )

  it('the default limit is 32 MiB: a 100 MiB page is reported, never read', async () => {
    const dir = site({ 'a.html': PIXEL, 'huge.html': PIXEL })
    // Sparse: 100 MiB on paper, no disk and no memory spent unless someone reads it.
    truncateSync(join(dir, 'huge.html'), 100 * 2 ** 20)
    const { files } = await markFolder(dir)
    expect(MAX_BYTES).toBe(32 * 2 ** 20)
    expect(files.map((f) => [f.file, f.status, f.reason?.slice(0, 52)])).toEqual([
      ['a.html', 'marked', undefined],
      ['huge.html', 'error', '100 MiB, over the limit of 32 MiB per file: not read'],
    ])
  })

  it('--out reports every link it leaves out: to a folder, to a file, to a page', async () => {
    const dir = site({
      'index.html': PIXEL,
      'assets/app.js': 'x',
      'shared/logo.svg': '<svg/>',
      'shared/page.html': PIXEL,
    })
    symlinkSync(join(dir, 'shared'), join(dir, 'assets/linked'))
    symlinkSync(join(dir, 'shared/logo.svg'), join(dir, 'logo.svg'))
    symlinkSync(join(dir, 'shared/page.html'), join(dir, 'page.html'))
    symlinkSync(join(dir, 'nowhere'), join(dir, 'broken.css'))
    const out = join(dir, '..', `${dir.split('/').pop()}-out`)
    dirs.push(out)
    const { files, copied } = await markFolder(dir, { out })
    expect(files.map((f) => [f.file, f.status, f.reason])).toEqual([
      ['index.html', 'marked', undefined],
      [
        'page.html',
        'skipped',
        `a symbolic link: not followed, so not copied to ${out} (mark the file it points to; samtykke mark ` +
          `never writes through a link)`,
      ],
      ['shared/page.html', 'marked', undefined],
      [
        'assets/linked',
        'skipped',
        `a symbolic link to a folder: not followed, so the pages in it are not marked and nothing in it is ` +
          `copied to ${out} (mark the folder it points to)`,
      ],
      [
        'broken.css',
        'skipped',
        `a symbolic link: not followed, so not copied to ${out} (copy what it points to there, if the site needs it)`,
      ],
      [
        'logo.svg',
        'skipped',
        `a symbolic link: not followed, so not copied to ${out} (copy what it points to there, if the site needs it)`,
      ],
    ])
    expect(copied).toBe(2)
    // Everything in the site is either in out/ or in the report.
    const reported = files.map((f) => f.file)
    for (const entry of tree(dir).filter((e) => !e.endsWith('/')))
      expect(tree(out).includes(entry) || reported.includes(entry), entry).toBe(true)
    expect(read(out, 'shared/page.html')).toBe(MARKED)
  })

  it(
    'in place, a linked folder is reported (its pages are not marked); ' + 'links to other files are nothing to report',
    async () => {
      const dir = site({ 'index.html': PIXEL, 'shared/app.js': 'x' })
      symlinkSync(join(dir, 'shared'), join(dir, 'linked'))
      symlinkSync(join(dir, 'shared/app.js'), join(dir, 'app.js'))
      const { files } = await markFolder(dir)
      expect(files.map((f) => [f.file, f.status, f.other])).toEqual([
        ['index.html', 'marked', undefined],
        ['linked', 'skipped', true],
      ])
    },
  )

  it('--out copies the other files byte for byte, with their modes', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 256))
    const dir = site({ 'index.html': markHtml(PIXEL).html })
    writeFileSync(join(dir, 'video.bin'), bytes, { mode: 0o640 })
    const out = join(dir, 'out')
    const { copied } = await markFolder(dir, { out })
    expect(copied).toBe(1)
    expect(readFileSync(join(out, 'video.bin'))).toEqual(bytes)
    expect(statSync(join(out, 'video.bin')).mode & 0o777).toBe(0o640)
    expect(tree(out)).toEqual(['index.html', 'video.bin'])
  })

  it('a folder that does not exist rejects with a MarkError an API user can tell apart by its code', async () => {
    const missing = join(tmpdir(), 'samtykke-no-such-site', 'public')
    const error = await markFolder(missing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MarkError)
    expect(error).toMatchObject({ name: 'MarkError', code: 'FOLDER_UNREADABLE', cause: { code: 'ENOENT' } })
    expect((error as MarkError).message).toMatch(new RegExp(`^cannot read ${missing}: ENOENT`))
  })
})
